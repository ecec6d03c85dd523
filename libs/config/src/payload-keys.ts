import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';

/** AES-256: every payload key is exactly 32 bytes. */
export const PAYLOAD_KEY_BYTES = 32;

/**
 * Key ids travel in the clear, in the metadata of every encrypted payload: short, plain, and never derived from anything
 * about a person (a date or a counter: `2026-11`, `k2`).
 */
export const PAYLOAD_KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const PAYLOAD_KEY_ID_RULE = "1–64 letters, digits, '.', '_' or '-', starting with a letter or digit";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const GENERATE_HINT = 'generate one with: openssl rand -base64 32';

/**
 * The payload encryption keys by id (`PAYLOAD_KEYS`). The key material stays inside: JSON, `util.inspect` (and so every
 * logger) and string conversion show the ids only.
 */
export class PayloadKeys {
  readonly #keys: ReadonlyMap<string, KeyObject>;

  private constructor(keys: ReadonlyMap<string, KeyObject>) {
    this.#keys = keys;
  }

  /**
   * Parses `id:base64key,id:base64key`. A problem names the entry by its position only, never by its content: a
   * mistyped entry may be a key, and an id typed into the key's place is one too.
   */
  static parse(text: string): { keys: PayloadKeys; problems: [] } | { keys?: undefined; problems: string[] } {
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
      if (!PAYLOAD_KEY_ID_PATTERN.test(id)) problems.push(`${at}the id must be ${PAYLOAD_KEY_ID_RULE}`);
      if (material?.length !== PAYLOAD_KEY_BYTES || material.toString('base64') !== encoded) {
        problems.push(`${at}the key must be ${PAYLOAD_KEY_BYTES} bytes in base64 (${GENERATE_HINT})`);
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
    return problems.length === 0 ? { keys: new PayloadKeys(keys), problems: [] } : { problems };
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
    return `PayloadKeys(${this.ids.join(', ')})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** A fresh random key, base64, for `PAYLOAD_KEYS`. */
export function generatePayloadKey(): string {
  return randomBytes(PAYLOAD_KEY_BYTES).toString('base64');
}

/** `PAYLOAD_KEYS` and `PAYLOAD_KEY_ID` for one freshly generated key (development and tests). */
export function generatePayloadKeySettings(id: string): { PAYLOAD_KEYS: string; PAYLOAD_KEY_ID: string } {
  if (!PAYLOAD_KEY_ID_PATTERN.test(id)) throw new Error(`A payload key id must be ${PAYLOAD_KEY_ID_RULE}`);
  return { PAYLOAD_KEYS: `${id}:${generatePayloadKey()}`, PAYLOAD_KEY_ID: id };
}
