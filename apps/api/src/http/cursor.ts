import { ProblemError } from './problem';

/**
 * Keyset pagination cursors: the sort key of a page's last item, opaque to clients (base64url JSON). A cursor that
 * does not decode is the client's mistake and answers 400 naming `cursor`.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends readonly unknown[]>(cursor: string, isKey: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isKey(value)) {
    throw ProblemError.invalid([
      {
        in: 'query',
        field: 'cursor',
        code: 'unknown-cursor',
        detail: 'is not a cursor this api gave out: pass nextCursor of the previous page',
      },
    ]);
  }
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The key of a page ordered by a moment and an id, exactly as `pageOf` wrote it (`toISOString()` of a moment in years
 * 1–9999, a UUID). Anything else — a date PostgreSQL cannot hold, an id that only looks like a UUID — is refused here,
 * before it reaches a query.
 */
export function isMomentIdKey(value: unknown): value is [string, string] {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [moment, id] = value as unknown[];
  if (typeof moment !== 'string' || typeof id !== 'string' || !UUID.test(id)) return false;
  const time = Date.parse(moment);
  if (Number.isNaN(time)) return false;
  const date = new Date(time);
  return date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999 && date.toISOString() === moment;
}

/** The next cursor of a page of `limit` items read with one extra: null when there is no further page. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (last: T) => (string | number)[]) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
