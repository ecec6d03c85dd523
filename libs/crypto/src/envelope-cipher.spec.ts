import { createSecretKey, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { IV_BYTES, open, seal, SealedDataError, TAG_BYTES } from './aes-gcm';
import { EnvelopeCipher, FieldDecryptionError, type SealedFields } from './envelope-cipher';

const masterOld = createSecretKey(randomBytes(32));
const masterNew = createSecretKey(randomBytes(32));
const cipherWith = (currentKeyId: string, keys: Record<string, typeof masterOld>) =>
  new EnvelopeCipher({ currentKeyId, keys: Object.entries(keys) });

// Synthetic, and distinctive enough to be found in bytes.
const subject = 'b6f1c0de-0000-4000-8000-000000000001';
const other = 'b6f1c0de-0000-4000-8000-000000000002';
const values = { name: 'Demo Canarynaam', bsn: '111222333' };

const latin1 = (sealed: SealedFields<string>) =>
  [sealed.wrappedKey, ...Object.values(sealed.values)].map((b) => (b ? b.toString('latin1') : '')).join('|');

describe('seal / open (AES-256-GCM)', () => {
  const key = createSecretKey(randomBytes(32));
  const aad = Buffer.from('context');

  it('round-trips any bytes, iv ‖ ciphertext ‖ tag, a fresh IV each time', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (plaintext) => {
        const sealed = seal(key, plaintext, aad);
        expect(sealed.length).toBe(IV_BYTES + plaintext.length + TAG_BYTES);
        expect(open(key, sealed, aad)).toEqual(Buffer.from(plaintext));
      }),
    );
    const same = Buffer.from('the same plaintext');
    expect(seal(key, same, aad).subarray(0, IV_BYTES)).not.toEqual(seal(key, same, aad).subarray(0, IV_BYTES));
  });

  it('refuses altered bytes, another key, other associated data and truncated input', () => {
    const sealed = seal(key, Buffer.from('plaintext'), aad);
    for (const at of [0, IV_BYTES + 1, sealed.length - 1]) {
      const altered = Buffer.from(sealed);
      altered[at] ^= 0x01;
      expect(() => open(key, altered, aad)).toThrow(new SealedDataError('authentication'));
    }
    expect(() => open(createSecretKey(randomBytes(32)), sealed, aad)).toThrow(new SealedDataError('authentication'));
    expect(() => open(key, sealed, Buffer.from('another context'))).toThrow(new SealedDataError('authentication'));
    expect(() => open(key, sealed.subarray(0, IV_BYTES + TAG_BYTES - 1), aad)).toThrow(
      new SealedDataError('truncated'),
    );
  });
});

describe('EnvelopeCipher', () => {
  const sut = cipherWith('m1', { m1: masterOld });

  it('round-trips the values of a subject, null for an absent one', () => {
    const sealed = sut.seal(subject, { ...values, bsn: null });
    expect(sut.open(subject, sealed)).toEqual({ name: values.name, bsn: null });
    expect(sealed.values.bsn).toBeNull();
    expect(sealed.keyId).toBe('m1');
  });

  it('round-trips any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (name) => {
        expect(sut.open(subject, sut.seal(subject, { name }))).toEqual({ name });
      }),
      { numRuns: 200 },
    );
  });

  it('stores nothing of the values or the data key in clear', () => {
    const sealed = sut.seal(subject, values);
    const stored = latin1(sealed);
    expect(stored).not.toContain(values.name);
    expect(stored).not.toContain(values.bsn);
    // The detector sees plaintext where it is.
    expect(latin1({ ...sealed, values: { name: Buffer.from(values.name) } })).toContain(values.name);
  });

  it('gives every subject its own data key, and keeps it across rewrites', () => {
    const first = sut.seal(subject, values);
    const second = sut.seal(other, values);
    expect(first.wrappedKey).not.toEqual(second.wrappedKey);

    const rewritten = sut.seal(subject, { name: 'Demo Andere Naam', bsn: null }, first);
    expect(rewritten.wrappedKey).toBe(first.wrappedKey);
    // The old ciphertexts open with the kept key: destroying that one key destroys every version.
    expect(sut.open(subject, { ...rewritten, values: first.values })).toEqual(values);
  });

  describe('associated data: a ciphertext opens only where it belongs', () => {
    const sealed = sut.seal(subject, values);

    it('refuses the values under another subject id', () => {
      expect(() => sut.open(other, sealed)).toThrow(FieldDecryptionError);
      expect(() => sut.open(other, sealed)).toThrow(/data key wrapped with master key id "m1" cannot be unwrapped/);
    });

    it('refuses a value moved into another field, naming the field', () => {
      const swapped = { ...sealed, values: { name: sealed.values.bsn, bsn: sealed.values.name } };
      expect(() => sut.open(subject, swapped)).toThrow(/Field "name" cannot be decrypted: it was altered/);
    });

    it('refuses a value moved from another subject, even under the same master key', () => {
      const foreign = sut.seal(other, values);
      expect(() => sut.open(subject, { ...sealed, values: { ...sealed.values, name: foreign.values.name } })).toThrow(
        /Field "name" cannot be decrypted/,
      );
    });

    it('refuses a tampered value or wrapped key', () => {
      const value = Buffer.from(sealed.values.name ?? []);
      value[IV_BYTES] ^= 0x80;
      expect(() => sut.open(subject, { ...sealed, values: { ...sealed.values, name: value } })).toThrow(
        /Field "name" cannot be decrypted: it was altered/,
      );
      const wrappedKey = Buffer.from(sealed.wrappedKey);
      wrappedKey[wrappedKey.length - 1] ^= 0x01;
      expect(() => sut.open(subject, { ...sealed, wrappedKey })).toThrow(/cannot be unwrapped: it was altered/);
    });

    it('does not open a value with the master key alone (only the data key opens it)', () => {
      expect(() =>
        open(masterOld, sealed.values.name ?? Buffer.alloc(0), Buffer.from(`field\0name\0${subject}`)),
      ).toThrow(SealedDataError);
    });
  });

  describe('rotation of the master key', () => {
    const before = cipherWith('m1', { m1: masterOld });
    const after = cipherWith('m2', { m1: masterOld, m2: masterNew });

    it('opens what the old key wrapped, and wraps new subjects with the current key', () => {
      const old = before.seal(subject, values);
      expect(after.open(subject, old)).toEqual(values);
      expect(after.seal(other, values).keyId).toBe('m2');
    });

    it('re-wraps an old data key with the current master key when the subject is written again', () => {
      const old = before.seal(subject, values);
      const rewritten = after.seal(subject, { name: 'Demo Nieuw', bsn: values.bsn }, old);
      expect(rewritten.keyId).toBe('m2');
      expect(rewritten.wrappedKey).not.toEqual(old.wrappedKey);
      // Same data key: the values written before the rotation still open under the new wrapping.
      expect(after.open(subject, { ...rewritten, values: old.values })).toEqual(values);
      expect(cipherWith('m2', { m2: masterNew }).open(subject, rewritten)).toEqual({
        name: 'Demo Nieuw',
        bsn: values.bsn,
      });
    });

    it('names the master key id it lacks, and no value', () => {
      const old = before.seal(subject, values);
      const error = (() => {
        try {
          cipherWith('m2', { m2: masterNew }).open(subject, old);
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error).toBeInstanceOf(FieldDecryptionError);
      expect(error?.message).toBe(
        'The data key wrapped with master key id "m1" cannot be unwrapped: no master key with that id is configured ' +
          '(configured: m2)',
      );
    });

    it('refuses a wrapped key relabelled with another configured key id (the id is authenticated)', () => {
      const both = cipherWith('m1', { m1: masterOld, m2: masterOld });
      const sealed = both.seal(subject, values);
      expect(() => both.open(subject, { ...sealed, keyId: 'm2' })).toThrow(/cannot be unwrapped: it was altered/);
    });
  });

  it('refuses a master key of the wrong size and a current id it does not have', () => {
    expect(() => cipherWith('m1', { m1: createSecretKey(randomBytes(16)) })).toThrow(/"m1" must be a 32-byte/);
    expect(() => cipherWith('m9', { m1: masterOld })).toThrow(/"m9" is not among the configured keys/);
  });
});
