import { isValidBsn } from './identifying-fields';

/**
 * A pseudonym is a code, never a name or a number that identifies her: the region's prefix (2–6 capitals), a hyphen,
 * and a code of 4–12 capitals and digits (`TRJ-7F3K`). The region chooses its prefix, so a pseudonym also says whose
 * it is; the shape alone already keeps most names out.
 */
export const PSEUDONYM_PATTERN = /^([A-Z]{2,6})-([A-Z0-9]{4,12})$/;

export type PseudonymFinding = 'invalid-format' | 'bsn-like' | 'name-like' | 'wrong-prefix';

/**
 * Why `pseudonym` may not be used in a region with `prefix` (undefined: any region's prefix), or undefined when it may.
 * Name-like: a code without a digit, or with four letters in a row (`PIET2009`), reads as a name or a word; a code of
 * letters and digits mixed (`7F3K`, `K8R2QX`) does not. A BSN anywhere in it (nine digits passing the 11-proof) is
 * identifying however it is written.
 */
export function pseudonymFinding(pseudonym: string, prefix?: string): PseudonymFinding | undefined {
  const parts = PSEUDONYM_PATTERN.exec(pseudonym);
  if (!parts) return 'invalid-format';
  const code = parts[2];
  if (containsBsn(code)) return 'bsn-like';
  if (!/\d/.test(code) || /[A-Z]{4}/.test(code)) return 'name-like';
  if (prefix !== undefined && parts[1] !== prefix) return 'wrong-prefix';
  return undefined;
}

/** Whether any nine consecutive digits of `text` pass the 11-proof. */
function containsBsn(text: string): boolean {
  return (text.match(/\d{9,}/g) ?? []).some((digits) =>
    Array.from({ length: digits.length - 8 }, (_, i) => digits.slice(i, i + 9)).some(isValidBsn),
  );
}
