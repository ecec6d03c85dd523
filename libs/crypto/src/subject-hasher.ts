import { createHmac, hkdfSync, type KeyObject } from 'node:crypto';
import type { MasterKeys } from './envelope-cipher';

/** A subject's keyed hash as stored: the digest, and the id of the master key whose region key made it. */
export interface SubjectHash {
  keyId: string;
  digest: Buffer;
}

const SALT = Buffer.from('doorloop/signal-subject/v1');

/**
 * Keyed hashes of who a signal is about (DOMAIN.md "Signals before a trajectory"): HMAC-SHA-256 of the normalised
 * subject with a key per region, derived (HKDF-SHA-256) from a FIELD_KEYS master key and the region id. Without the
 * master key a hash cannot be tested against guessed BSNs (there are only 10^9 of them); one region's hashes do not
 * match another's. After a rotation the older master keys still give the hashes stored under them, so `all` lists the
 * subject's hash under every key and a second signal is recognised across a rotation.
 */
export class SubjectHasher {
  readonly #masterKeys: ReadonlyMap<string, KeyObject>;
  readonly #currentKeyId: string;

  constructor({ currentKeyId, keys }: MasterKeys) {
    this.#masterKeys = new Map(keys);
    if (!this.#masterKeys.has(currentKeyId)) throw new Error(`The current key id ${currentKeyId} has no key`);
    this.#currentKeyId = currentKeyId;
  }

  /** The hash to store, under the current key. */
  hash(regionId: string, subject: string): SubjectHash {
    return { keyId: this.#currentKeyId, digest: this.digest(this.#currentKeyId, regionId, subject) };
  }

  /** The subject's hash under every key of the ring: what an earlier signal about her may be stored as. */
  all(regionId: string, subject: string): Buffer[] {
    return [...this.#masterKeys.keys()].map((keyId) => this.digest(keyId, regionId, subject));
  }

  private digest(keyId: string, regionId: string, subject: string): Buffer {
    const master = this.#masterKeys.get(keyId) as KeyObject;
    const regionKey = Buffer.from(hkdfSync('sha256', master, SALT, `region:${regionId}`, 32));
    try {
      return createHmac('sha256', regionKey).update(subject, 'utf8').digest();
    } finally {
      regionKey.fill(0);
    }
  }

  toString(): string {
    return `SubjectHasher(${[...this.#masterKeys.keys()].join(', ')})`;
  }

  toJSON(): string {
    return this.toString();
  }
}
