import { createSecretKey, type KeyObject } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import { AES_KEY_BYTES, open, seal, SealedDataError } from '@doorloop/crypto';
import { payloadFromBytes, payloadToBytes } from './payload-bytes';

/** The `encoding` metadata of a payload this codec encrypted. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key a payload was encrypted with; decoding picks the key by it. */
export const ENCRYPTION_KEY_ID = 'encryption-key-id';

/** A payload that cannot be decrypted. Its message names the key id and the reason, never any content. */
export class PayloadDecryptionError extends ValueError {}
Object.defineProperty(PayloadDecryptionError.prototype, 'name', { value: 'PayloadDecryptionError', enumerable: true });

export interface PayloadCodecKeys {
  /** Encrypts every new payload. */
  currentKeyId: string;
  /** Every key that may have encrypted a payload still in a history, the current one included, by id. */
  keys: Iterable<readonly [string, KeyObject | Uint8Array]>;
}

/**
 * Encrypts every Temporal payload with AES-256-GCM before it leaves the process, so that workflow inputs, update
 * arguments, activity inputs and results and (with the encoding failure converter) error messages reach the Temporal
 * server, its database and its UI only as ciphertext.
 *
 * An encrypted payload is `{ metadata: { encoding: binary/encrypted, encryption-key-id: <id> }, data: iv ‖ ciphertext ‖
 * tag }`: the whole original payload (its metadata included, serialized as a protobuf `Payload`) is the plaintext, a
 * fresh random 12-byte IV per payload, the key id as additional authenticated data. New payloads are encrypted with the
 * current key; decoding picks the key by the id the payload names, so after a rotation the older payloads stay readable
 * for as long as their key is configured. Payloads without the encrypted encoding (histories recorded before encryption
 * was turned on) pass through decoding untouched.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  readonly #keys = new Map<string, KeyObject>();
  readonly #currentKeyId: string;

  constructor({ currentKeyId, keys }: PayloadCodecKeys) {
    for (const [id, key] of keys) {
      const secret = key instanceof Uint8Array ? createSecretKey(key) : key;
      if (secret.type !== 'secret' || secret.symmetricKeySize !== AES_KEY_BYTES) {
        throw new ValueError(`Payload key "${id}" must be a ${AES_KEY_BYTES}-byte secret key`);
      }
      this.#keys.set(id, secret);
    }
    if (!this.#keys.has(currentKeyId)) {
      throw new ValueError(`The current payload key id "${currentKeyId}" is not among the configured keys`);
    }
    this.#currentKeyId = currentKeyId;
  }

  get currentKeyId(): string {
    return this.#currentKeyId;
  }

  encode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) =>
      resolve(payloads.map((payload) => (isEncrypted(payload) ? payload : this.encrypt(payload)))),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) =>
      resolve(payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : payload))),
    );
  }

  private encrypt(payload: Payload): Payload {
    const keyId = this.#currentKeyId;
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING, 'utf8'),
        [ENCRYPTION_KEY_ID]: Buffer.from(keyId, 'utf8'),
      },
      data: seal(this.key(keyId), payloadToBytes(payload), Buffer.from(keyId, 'utf8')),
    };
  }

  private decrypt(payload: Payload): Payload {
    const idBytes = payload.metadata?.[ENCRYPTION_KEY_ID];
    if (!idBytes) throw new PayloadDecryptionError(`An encrypted payload names no ${ENCRYPTION_KEY_ID}`);
    const keyId = Buffer.from(idBytes).toString('utf8');
    const named = JSON.stringify(keyId.slice(0, 64));
    const key = this.#keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        `Payload encrypted with key id ${named} cannot be decrypted: no key with that id is configured ` +
          `(configured: ${[...this.#keys.keys()].join(', ')}). Add that key to PAYLOAD_KEYS again.`,
      );
    }
    let plaintext: Buffer;
    try {
      plaintext = open(key, payload.data ?? new Uint8Array(0), Buffer.from(keyId, 'utf8'));
    } catch (error) {
      if (error instanceof SealedDataError && error.reason === 'truncated') {
        throw new PayloadDecryptionError(`Payload encrypted with key id ${named} is truncated`);
      }
      throw new PayloadDecryptionError(
        `Payload encrypted with key id ${named} failed authentication: it was altered, or the key under that id is ` +
          'not the one it was encrypted with',
      );
    }
    return payloadFromBytes(plaintext);
  }

  private key(id: string): KeyObject {
    const key = this.#keys.get(id);
    if (!key) throw new ValueError(`No payload key "${id}"`);
    return key;
  }
}

export function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return encoding !== undefined && encoding !== null && Buffer.from(encoding).toString('utf8') === ENCRYPTED_ENCODING;
}
