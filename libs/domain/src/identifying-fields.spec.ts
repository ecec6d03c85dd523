import fc from 'fast-check';
import { isIdentifyingField, isValidBsn } from './identifying-fields';

/** An independent oracle: the weights written out, as the Dutch government documents the elfproef. */
function elfproef(bsn: string): boolean {
  const weights = [9, 8, 7, 6, 5, 4, 3, 2, -1];
  return [...bsn].reduce((sum, digit, i) => sum + Number(digit) * weights[i], 0) % 11 === 0;
}

describe('isValidBsn', () => {
  it.each(['111222333', '123456782', '999999990', '010000008'])('accepts %s (passes the elfproef)', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
  });

  it.each([
    ['111222334', 'fails the elfproef'],
    ['123456789', 'fails the elfproef'],
    ['12345678', 'eight digits'],
    ['1234567820', 'ten digits'],
    ['12345678a', 'a letter'],
    ['123 456 782', 'spaces'],
    ['', 'empty'],
    ['000000000', 'nine zeros'],
    ['１２３４５６７８２', 'full-width digits'],
  ])('refuses %s (%s)', (bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
  });

  it('agrees with the elfproef for every nine-digit string', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (bsn) => {
        expect(isValidBsn(bsn)).toBe(bsn !== '000000000' && elfproef(bsn));
      }),
      { numRuns: 2000 },
    );
  });

  it('catches every single-digit typo of a valid number', () => {
    const valid = '123456782';
    for (let at = 0; at < 9; at++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === valid[at]) continue;
        const typo = `${valid.slice(0, at)}${digit}${valid.slice(at + 1)}`;
        expect({ typo, valid: isValidBsn(typo) }).toEqual({ typo, valid: false });
      }
    }
  });
});

describe('isIdentifyingField', () => {
  it('knows name and bsn, nothing else', () => {
    expect(['name', 'bsn', 'birthDate', 'pseudonym', undefined].map(isIdentifyingField)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
