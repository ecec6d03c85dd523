import fc from 'fast-check';
import { pseudonymFinding } from './pseudonym';

describe('pseudonymFinding', () => {
  it.each(['TRJ-7F3K', 'TRJ-0000', 'TRJ-864209138', 'TRJ-1234567890', 'AB-K8R2QX', 'ZWLAND-1A2B3C4D5E6F', 'TRJ-ABC1'])(
    'accepts %s in any region',
    (pseudonym) => {
      expect(pseudonymFinding(pseudonym)).toBeUndefined();
    },
  );

  it.each([
    ['864209137', 'invalid-format'],
    ['JANSEN-PIETJE-2009', 'invalid-format'],
    ['TRJ-7F3', 'invalid-format'],
    ['TRJ-7F3K7F3K7F3K7', 'invalid-format'],
    ['ZWLANDX-7F3K', 'invalid-format'],
    [' TRJ-7F3K', 'invalid-format'],
    ['TRJ-7F3K ', 'invalid-format'],
    ['TRJ-7F3K-9Q2M', 'invalid-format'],
    ['T-7F3K', 'invalid-format'],
    ['TRJ1-7F3K', 'invalid-format'],
    ['trj-7f3k', 'invalid-format'],
    ['TRJ-864209137', 'bsn-like'],
    ['TRJ-A864209137', 'bsn-like'],
    // A BSN inside a longer run of digits, at its start and one further on.
    ['TRJ-8642091370', 'bsn-like'],
    ['TRJ-9864209137', 'bsn-like'],
    ['TRJ-PIETJE', 'name-like'],
    ['TRJ-PIET2009', 'name-like'],
    ['TRJ-2009ANNA', 'name-like'],
    ['TRJ-KDHJ', 'name-like'],
  ] as const)('refuses %s as %s', (pseudonym, finding) => {
    expect(pseudonymFinding(pseudonym)).toBe(finding);
  });

  it("refuses another region's prefix only where the prefix is known", () => {
    expect(pseudonymFinding('TRJ-7F3K', 'ZWL')).toBe('wrong-prefix');
    expect(pseudonymFinding('ZWL-7F3K', 'ZWL')).toBeUndefined();
    expect(pseudonymFinding('TRJ-7F3K', 'TRJ')).toBeUndefined();
  });

  // Oracle: the longest run of letters, counted character by character.
  const longestLetterRun = (code: string) =>
    [...code].reduce(
      ([longest, run], c) => (c >= 'A' && c <= 'Z' ? [Math.max(longest, run + 1), run + 1] : [longest, 0]),
      [0, 0],
    )[0];

  it('calls a well-shaped code name-like exactly when it has no digit or four letters in a row', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-8]{4,8}$/), (code) => {
        // Digits 0–8 and at most eight of them: never nine digits, so never a BSN.
        const nameLike = !/[0-9]/.test(code) || longestLetterRun(code) >= 4;
        expect(pseudonymFinding(`TRJ-${code}`)).toBe(nameLike ? 'name-like' : undefined);
      }),
      { numRuns: 2000 },
    );
  });
});
