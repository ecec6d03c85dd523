import { createHmac, createSecretKey, hkdfSync, randomBytes } from 'node:crypto';
import { SubjectHasher } from './subject-hasher';

const REGION_A = '00000000-0000-4000-8000-00000000000a';
const REGION_B = '00000000-0000-4000-8000-00000000000b';
const oldKey = randomBytes(32);
const newKey = randomBytes(32);

describe('SubjectHasher', () => {
  const hasher = new SubjectHasher({
    currentKeyId: 'k2',
    keys: [
      ['k1', createSecretKey(oldKey)],
      ['k2', createSecretKey(newKey)],
    ],
  });

  it('is HMAC-SHA-256 with the region key HKDF gives, under the current key', () => {
    const regionKey = Buffer.from(hkdfSync('sha256', newKey, 'doorloop/signal-subject/v1', `region:${REGION_A}`, 32));
    const expected = createHmac('sha256', regionKey).update('bsn:123456782').digest();
    expect(hasher.hash(REGION_A, 'bsn:123456782')).toEqual({ keyId: 'k2', digest: expected });
  });

  it('gives one region’s hash of a subject that no other region shares, and another subject another hash', () => {
    const a = hasher.hash(REGION_A, 'bsn:123456782').digest;
    expect(hasher.hash(REGION_B, 'bsn:123456782').digest.equals(a)).toBe(false);
    expect(hasher.hash(REGION_A, 'bsn:012345672').digest.equals(a)).toBe(false);
  });

  it('finds a hash stored under an older key after a rotation', () => {
    const before = new SubjectHasher({ currentKeyId: 'k1', keys: [['k1', createSecretKey(oldKey)]] });
    const stored = before.hash(REGION_A, 'name:x y|2010-01-01').digest;
    expect(hasher.all(REGION_A, 'name:x y|2010-01-01').some((digest) => digest.equals(stored))).toBe(true);
  });

  it('shows key ids only when logged', () => {
    expect(JSON.stringify({ hasher })).toBe('{"hasher":"SubjectHasher(k1, k2)"}');
  });
});
