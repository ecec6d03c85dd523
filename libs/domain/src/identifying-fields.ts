/**
 * The identifying fields a region may choose to keep about a young person, next to the pseudonym every trajectory has.
 * Kept only where the region needs them (a coordinator who must match a case to a court order), and only encrypted.
 */
export const IDENTIFYING_FIELDS = ['name', 'bsn'] as const;
export type IdentifyingField = (typeof IDENTIFYING_FIELDS)[number];

export function isIdentifyingField(value: unknown): value is IdentifyingField {
  return (IDENTIFYING_FIELDS as readonly unknown[]).includes(value);
}

/**
 * A burgerservicenummer: nine digits passing the elfproef (11-proof): 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of
 * 11. Nine zeros pass the arithmetic but are no number anyone has.
 */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value) || value === '000000000') return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((total, digit, index) => total + digit * (9 - index), 0) - digits[8];
  return sum % 11 === 0;
}
