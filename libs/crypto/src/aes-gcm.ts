import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

const CIPHER = 'aes-256-gcm';
/** AES-256: every key is exactly 32 bytes. */
export const AES_KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** Why sealed bytes could not be opened. Carries no content: callers add what the bytes were (a key id, a field). */
export class SealedDataError extends Error {
  constructor(readonly reason: 'truncated' | 'authentication') {
    super(reason === 'truncated' ? 'sealed data is truncated' : 'sealed data failed authentication');
    this.name = 'SealedDataError';
  }
}

/**
 * AES-256-GCM with a fresh random 12-byte IV: `iv ‖ ciphertext ‖ 16-byte tag`. `aad` is authenticated, not encrypted:
 * it binds the ciphertext to where it belongs (a key id, a trajectory), so it cannot be moved elsewhere unnoticed.
 */
export function seal(key: KeyObject, plaintext: Uint8Array, aad: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
}

/** The plaintext of `seal`'s output; throws SealedDataError when it was altered, or key or `aad` differ. */
export function open(key: KeyObject, sealed: Uint8Array, aad: Uint8Array): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new SealedDataError('truncated');
  const decipher = createDecipheriv(CIPHER, key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealedDataError('authentication');
  }
}
