import { randomInt } from 'node:crypto';

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * A fresh synthetic pseudonym as a region would hand it out: `TRJ-` and eight characters, digit and letter in turn
 * (`TRJ-7F3K9Q2M`). It is never name-like (no four letters in a row), never holds a BSN (four digits), and with 24⁴·10⁴
 * codes two in one test run are as good as never the same — pseudonyms are unique per region.
 */
export function pseudonym(prefix = 'TRJ'): string {
  const code = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? String(randomInt(10)) : LETTERS[randomInt(24)]));
  return `${prefix}-${code.join('')}`;
}
