import { pseudonymSchema } from './trajectories';

describe('pseudonymSchema', () => {
  it.each(['864209137', 'TRJ-864209137', 'X-1864209137'])('refuses %s: it holds a valid BSN', (pseudonym) => {
    const checked = pseudonymSchema.safeParse(pseudonym);
    expect(checked.success).toBe(false);
    expect(checked.error?.issues[0]).toMatchObject({ code: 'custom', params: { code: 'bsn-like' } });
  });

  it.each(['TRJ-7F3K', 'TRJ-864209138', 'TRJ-0000', '12345678'])('accepts %s', (pseudonym) => {
    expect(pseudonymSchema.safeParse(pseudonym).success).toBe(true);
  });
});
