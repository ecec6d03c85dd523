import { compressPolicy } from './compress-policy';
import { DEFAULT_POLICY } from './default-policy';
import { validatePolicy } from './validate-policy';

describe('compressPolicy', () => {
  // One day lasts a tenth of a second: a month about three seconds.
  const sut = compressPolicy(DEFAULT_POLICY, { msPerDay: 100 });

  it('is a valid policy without a time of day', () => {
    expect(validatePolicy(sut)).toEqual({ ok: true, policy: sut });
    expect(sut.fireTimeOfDay).toBeUndefined();
  });

  it('turns every duration into scaled elapsed time, keeping its sign', () => {
    expect(sut.milestones['placement-evaluation'].interval).toBe('PT9.131S'); // 91.31 days
    expect(sut.milestones['placement-evaluation'].due.offset).toBe('PT1.4S'); // 14 days
    expect(sut.milestones['authorisation-expiry'].offset).toBe('-PT4.2S'); // 6 weeks
    expect(sut.escalation.reminder).toBe('-PT0.3S');
    expect(sut.ages.adulthood).toBe('PT657.437S'); // 18 × 365.2425 days
    expect(sut.milestones['aftercare-check-in'].offsets).toEqual(['PT9.131S', 'PT18.262S', 'PT36.524S']);
    expect(sut.milestones.handover.due).toEqual({ relativeTo: 'anchor', offset: 'P0D' });
  });

  it('names the compressed version', () => {
    expect(sut.version).toBe('default-1+compressed-100');
    expect(compressPolicy(DEFAULT_POLICY, { msPerDay: 1, version: 'fast' }).version).toBe('fast');
  });

  it('refuses a scale that is not a positive number', () => {
    expect(() => compressPolicy(DEFAULT_POLICY, { msPerDay: 0 })).toThrow('msPerDay');
    expect(() => compressPolicy(DEFAULT_POLICY, { msPerDay: Number.NaN })).toThrow('msPerDay');
  });
});
