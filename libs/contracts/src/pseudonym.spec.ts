import { pseudonymSchema } from './trajectories';

describe('pseudonymSchema', () => {
  it.each(['864209137', 'JANSEN-PIETJE-2009', 'TRJ-7F3'])('refuses %s: not prefix-hyphen-code', (pseudonym) => {
    const checked = pseudonymSchema.safeParse(pseudonym);
    expect(checked.error?.issues.map((issue) => issue.code)).toEqual(['invalid_format']);
  });

  it.each([
    ['TRJ-864209137', 'bsn-like'],
    ['TRJ-PIET2009', 'name-like'],
    ['TRJ-ANNA', 'name-like'],
  ])('refuses %s with field code %s', (pseudonym, code) => {
    const checked = pseudonymSchema.safeParse(pseudonym);
    expect(checked.error?.issues).toMatchObject([{ code: 'custom', params: { code } }]);
  });

  // The region's prefix is the service's to check: the schema accepts any well-formed one.
  it.each(['TRJ-7F3K', 'TRJ-864209138', 'TRJ-0000', 'ZWL-K8R2'])('accepts %s', (pseudonym) => {
    expect(pseudonymSchema.safeParse(pseudonym).success).toBe(true);
  });
});
