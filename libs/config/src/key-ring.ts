import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';

/** AES-256: every key is exactly 32 bytes. */
export const KEY_BYTES = 32;

/**
 * Key ids travel in the clear, in the metadata of every encrypted payload and next to every wrapped data key: short,
 * plain, and never derived from anything about a person (a date or a counter: `2026-11`, `k2`).
 */
export const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const KEY_ID_RULE = "1–64 letters, digits, '.', '_' or '-', starting with a letter or digit";

/**
 * The two sets of keys the apps hold, each a pair of variables in the same `id:base64key,…` format with the same
 * rotation rules: PAYLOAD_KEYS encrypt Temporal payloads (api, worker); FIELD_KEYS wrap the per-trajectory data keys of
 * the identifying fields in PostgreSQL (api).
 */
export const KEY_RINGS = {
  payload: {
    keys: 'PAYLOAD_KEYS',
    currentId: 'PAYLOAD_KEY_ID',
    label: 'PayloadKeys',
    newWrites: 'encrypts new payloads',
    purpose: 'reach Temporal',
    reason: 'every payload is encrypted',
  },
  field: {
    keys: 'FIELD_KEYS',
    currentId: 'FIELD_KEY_ID',
    label: 'FieldKeys',
    newWrites: 'wraps new data keys',
    purpose: 'read and write identifying fields',
    reason: 'their data keys are wrapped with it',
  },
} as const;
export type KeyRingName = keyof typeof KEY_RINGS;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const GENERATE_HINT = 'generate one with: openssl rand -base64 32';

/**
 * Encryption keys by id (`PAYLOAD_KEYS`, `FIELD_KEYS`). The key material stays inside: JSON, `util.inspect` (and so
 * every logger) and string conversion show the ids only.
 */
export class KeyRing {
  readonly #keys: ReadonlyMap<string, KeyObject>;

  private constructor(
    private readonly label: string,
    keys: ReadonlyMap<string, KeyObject>,
  ) {
    this.#keys = keys;
  }

  /**
   * Parses `id:base64key,id:base64key`. A problem names the entry by its position only, never by its content: a
   * mistyped entry may be a key, and an id typed into the key's place is one too.
   */
  static parse(
    text: string,
    label: string,
  ): { keys: KeyRing; problems: [] } | { keys?: undefined; problems: string[] } {
    const entries = text.split(',').map((entry) => entry.trim());
    const problems: string[] = [];
    const keys = new Map<string, KeyObject>();
    const firstPosition = new Map<string, number>();
    entries.forEach((entry, index) => {
      const at = entries.length === 1 ? '' : `entry ${index + 1} of ${entries.length}: `;
      const parts = entry.split(':');
      if (parts.length !== 2) {
        problems.push(`${at}must be id:base64key (pairs separated by commas)`);
        return;
      }
      const [id, encoded] = parts.map((part) => part.trim());
      const material = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
      if (!KEY_ID_PATTERN.test(id)) problems.push(`${at}the id must be ${KEY_ID_RULE}`);
      if (material?.length !== KEY_BYTES || material.toString('base64') !== encoded) {
        problems.push(`${at}the key must be ${KEY_BYTES} bytes in base64 (${GENERATE_HINT})`);
      }
      if (firstPosition.has(id)) {
        problems.push(`${at}repeats the id of entry ${(firstPosition.get(id) ?? 0) + 1}; each id names one key`);
      } else {
        firstPosition.set(id, index);
      }
      if (material) {
        if (problems.length === 0) keys.set(id, createSecretKey(material));
        material.fill(0);
      }
    });
    return problems.length === 0 ? { keys: new KeyRing(label, keys), problems: [] } : { problems };
  }

  /** Key ids in the order they were configured. */
  get ids(): string[] {
    return [...this.#keys.keys()];
  }

  has(id: string): boolean {
    return this.#keys.has(id);
  }

  key(id: string): KeyObject | undefined {
    return this.#keys.get(id);
  }

  entries(): [string, KeyObject][] {
    return [...this.#keys.entries()];
  }

  toString(): string {
    return `${this.label}(${this.ids.join(', ')})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** A fresh random key, base64, for `PAYLOAD_KEYS` or `FIELD_KEYS`. */
export function generateKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/** The two variables of a key ring for one freshly generated key (development and tests). */
export function generateKeySettings<R extends KeyRingName>(
  ring: R,
  id: string,
): Record<(typeof KEY_RINGS)[R]['keys'] | (typeof KEY_RINGS)[R]['currentId'], string> {
  if (!KEY_ID_PATTERN.test(id)) throw new Error(`A ${ring} key id must be ${KEY_ID_RULE}`);
  const { keys, currentId } = KEY_RINGS[ring];
  return { [keys]: `${id}:${generateKey()}`, [currentId]: id } as Record<
    (typeof KEY_RINGS)[R]['keys'] | (typeof KEY_RINGS)[R]['currentId'],
    string
  >;
}
