import { ProblemError } from './problem';

/**
 * Errors that mean PostgreSQL could not be reached or went away mid-request (it restarts, fails over, refuses new
 * connections while it recovers), as the pg driver and TypeORM throw them: the request may succeed when sent again.
 * SQLSTATE class 08 is "connection exception"; 57P01–57P03 are an administrator or crash shutdown and "cannot
 * connect now" (starting up, in recovery).
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const SHUTDOWN_STATES = new Set(['57P01', '57P02', '57P03']);
const DRIVER_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /^Client was closed/];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 4; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SHUTDOWN_STATES.has(code) || code.startsWith('08')))
      return true;
    if (typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message))) return true;
    // TypeORM keeps the driver's error as `driverError`; Node's own errors chain with `cause`.
    const next = current as { driverError?: unknown; cause?: unknown };
    current = next.driverError ?? next.cause;
  }
  return false;
}

/** What a client hears instead of a 500 when the database is away: try again, the same request is safe to repeat. */
export function databaseUnavailable(): ProblemError {
  return new ProblemError(
    'database-unavailable',
    'The database cannot be reached right now. Send the same request again in a moment: a repeated request is safe.',
    { headers: { 'Retry-After': '5' } },
  );
}
