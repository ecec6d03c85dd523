import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { AES_KEY_BYTES, open, seal, SealedDataError } from './aes-gcm';

/** A subject's data key as stored: wrapped (AES-256-GCM) by the master key with id `keyId`. */
export interface WrappedDataKey {
  keyId: string;
  wrappedKey: Buffer;
}

/** A subject's field values as stored: each one sealed with the subject's data key, null when there is none. */
export interface SealedFields<F extends string> extends WrappedDataKey {
  values: Record<F, Buffer | null>;
}

export interface MasterKeys {
  /** Wraps every new or rewritten data key. */
  currentKeyId: string;
  /** Every master key that may have wrapped a stored data key, the current one included, by id. */
  keys: Iterable<readonly [string, KeyObject]>;
}

/** Stored values that cannot be opened. The message names the key id or the field and the reason, never a value. */
export class FieldDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldDecryptionError';
  }
}

/**
 * Envelope encryption of a few fields per subject (a trajectory): every subject has its own random 256-bit data key,
 * stored only wrapped by a master key; every value is sealed with the data key, the subject id and the field name as
 * associated data, so a ciphertext moved to another subject or field fails to open. Destroying the wrapped data key
 * destroys every value of that subject, in every copy (crypto-shredding), while the master keys stay.
 *
 * Master keys rotate like the payload keys: new writes wrap with the current one; a data key wrapped by an older one is
 * unwrapped with it, and re-wrapped with the current one the next time the subject's fields are written.
 */
export class EnvelopeCipher {
  readonly #masterKeys = new Map<string, KeyObject>();
  readonly #currentKeyId: string;

  constructor({ currentKeyId, keys }: MasterKeys) {
    for (const [id, key] of keys) {
      if (key.type !== 'secret' || key.symmetricKeySize !== AES_KEY_BYTES) {
        throw new Error(`Master key "${id}" must be a ${AES_KEY_BYTES}-byte secret key`);
      }
      this.#masterKeys.set(id, key);
    }
    if (!this.#masterKeys.has(currentKeyId)) {
      throw new Error(`The current master key id "${currentKeyId}" is not among the configured keys`);
    }
    this.#currentKeyId = currentKeyId;
  }

  /**
   * Seals `values` for `subjectId`. With `existing`, the subject keeps its data key (re-wrapped with the current master
   * key when an older one wrapped it); without, it gets a new one.
   */
  seal<F extends string>(
    subjectId: string,
    values: Record<F, string | null>,
    existing?: WrappedDataKey,
  ): SealedFields<F> {
    const dataKey = existing ? this.unwrap(subjectId, existing) : newDataKey();
    const wrapped =
      existing?.keyId === this.#currentKeyId ? existing : this.wrap(subjectId, dataKey, this.#currentKeyId);
    const sealed = {} as Record<F, Buffer | null>;
    for (const field of Object.keys(values) as F[]) {
      const value = values[field];
      sealed[field] = value === null ? null : seal(dataKey, Buffer.from(value, 'utf8'), fieldAad(subjectId, field));
    }
    return { keyId: wrapped.keyId, wrappedKey: wrapped.wrappedKey, values: sealed };
  }

  /** The values `seal` sealed for `subjectId`. */
  open<F extends string>(subjectId: string, sealed: SealedFields<F>): Record<F, string | null> {
    const dataKey = this.unwrap(subjectId, sealed);
    const values = {} as Record<F, string | null>;
    for (const field of Object.keys(sealed.values) as F[]) {
      const value = sealed.values[field];
      try {
        values[field] = value === null ? null : open(dataKey, value, fieldAad(subjectId, field)).toString('utf8');
      } catch (error) {
        throw new FieldDecryptionError(`Field "${field}" cannot be decrypted: ${describe(error)}`);
      }
    }
    return values;
  }

  private wrap(subjectId: string, dataKey: KeyObject, keyId: string): WrappedDataKey {
    const material = dataKey.export();
    try {
      return { keyId, wrappedKey: seal(this.master(keyId), material, dataKeyAad(subjectId, keyId)) };
    } finally {
      material.fill(0);
    }
  }

  private unwrap(subjectId: string, { keyId, wrappedKey }: WrappedDataKey): KeyObject {
    let material: Buffer;
    try {
      material = open(this.master(keyId), wrappedKey, dataKeyAad(subjectId, keyId));
    } catch (error) {
      throw new FieldDecryptionError(
        `The data key wrapped with master key id ${JSON.stringify(keyId.slice(0, 64))} cannot be unwrapped: ${describe(error)}`,
      );
    }
    try {
      return createSecretKey(material);
    } finally {
      material.fill(0);
    }
  }

  private master(keyId: string): KeyObject {
    const key = this.#masterKeys.get(keyId);
    if (!key) {
      throw new FieldDecryptionError(
        `no master key with that id is configured (configured: ${[...this.#masterKeys.keys()].join(', ')})`,
      );
    }
    return key;
  }
}

function newDataKey(): KeyObject {
  const material = randomBytes(AES_KEY_BYTES);
  try {
    return createSecretKey(material);
  } finally {
    material.fill(0);
  }
}

// Associated data: what a ciphertext belongs to. A NUL cannot occur in an id or a field name, so no two contexts meet.
const dataKeyAad = (subjectId: string, keyId: string) => Buffer.from(`data-key\0${keyId}\0${subjectId}`, 'utf8');
const fieldAad = (subjectId: string, field: string) => Buffer.from(`field\0${field}\0${subjectId}`, 'utf8');

function describe(error: unknown): string {
  if (error instanceof SealedDataError) {
    return error.reason === 'truncated'
      ? 'it is truncated'
      : 'it was altered, belongs to another subject or field, or the key is not the one it was sealed with';
  }
  return error instanceof FieldDecryptionError ? error.message : 'unexpected error';
}
