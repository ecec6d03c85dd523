import { compressPolicy } from './compress-policy';
import { DEFAULT_CONTINUITY } from './continuity-policy';
import { DEFAULT_POLICY } from './default-policy';
import { mergePolicy } from './merge-policy';
import { validatePolicy } from './validate-policy';

describe('mergePolicy', () => {
  it('changes only what the override names, and names the result', () => {
    const sut = mergePolicy(DEFAULT_POLICY, {
      version: 'region-a-1',
      milestones: { 'placement-evaluation': { interval: 'P2M' } },
    });
    expect(sut.version).toBe('region-a-1');
    expect(sut.milestones['placement-evaluation']).toEqual({
      interval: 'P2M',
      due: { relativeTo: 'fire', offset: 'P14D' },
    });
    expect({ ...sut, version: DEFAULT_POLICY.version, milestones: DEFAULT_POLICY.milestones }).toEqual(DEFAULT_POLICY);
    expect({ ...sut.milestones, 'placement-evaluation': DEFAULT_POLICY.milestones['placement-evaluation'] }).toEqual(
      DEFAULT_POLICY.milestones,
    );
  });

  it('merges a due rule field by field', () => {
    const sut = mergePolicy(DEFAULT_POLICY, { version: 'b', milestones: { handover: { due: { offset: '-P1W' } } } });
    expect(sut.milestones.handover).toEqual({ offset: '-P3M', due: { relativeTo: 'anchor', offset: '-P1W' } });
  });

  it('replaces lists whole', () => {
    const sut = mergePolicy(DEFAULT_POLICY, {
      version: 'c',
      milestones: { 'aftercare-check-in': { offsets: ['P1M'] } },
      escalation: { directorListKinds: ['handover'] },
    });
    expect(sut.milestones['aftercare-check-in'].offsets).toEqual(['P1M']);
    expect(sut.escalation).toEqual({ reminder: '-P3D', directorList: 'P7D', directorListKinds: ['handover'] });
  });

  it('merges ages and escalation field by field', () => {
    const sut = mergePolicy(DEFAULT_POLICY, {
      version: 'd',
      ages: { futurePlan: 'P15Y' },
      escalation: { reminder: '-P5D' },
    });
    expect(sut.ages).toEqual({ futurePlan: 'P15Y', adulthood: 'P18Y', extendedCareEnd: 'P23Y' });
    expect(sut.escalation.reminder).toBe('-P5D');
    expect(sut.escalation.directorList).toBe('P7D');
  });

  it('removes the time of day with null and changes it with a value', () => {
    const without = mergePolicy(DEFAULT_POLICY, { version: 'e', fireTimeOfDay: null });
    expect('fireTimeOfDay' in without).toBe(false);
    expect(mergePolicy(DEFAULT_POLICY, { version: 'f', fireTimeOfDay: '08:30' }).fireTimeOfDay).toBe('08:30');
    expect(mergePolicy(DEFAULT_POLICY, { version: 'g' }).fireTimeOfDay).toBe('09:00');
  });

  it('leaves the base untouched', () => {
    const before = JSON.stringify(DEFAULT_POLICY);
    mergePolicy(DEFAULT_POLICY, { version: 'h', milestones: { handover: { offset: '-P4M', due: { offset: 'P1D' } } } });
    expect(JSON.stringify(DEFAULT_POLICY)).toBe(before);
  });

  it('produces a policy that validation then judges', () => {
    const good = mergePolicy(DEFAULT_POLICY, { version: 'i', milestones: { 'transition-review': { offset: '-P9M' } } });
    expect(validatePolicy(good).ok).toBe(true);
    const bad = mergePolicy(DEFAULT_POLICY, {
      version: 'j',
      milestones: { 'placement-evaluation': { interval: 'PT5S' } },
    });
    expect(validatePolicy(bad)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ path: 'milestones.placement-evaluation.interval' })],
    });
  });

  describe('continuity', () => {
    it('lays an override over the default continuity when the base has none, entry by entry and due field by field', () => {
      expect(DEFAULT_POLICY.continuity).toBeUndefined();
      const sut = mergePolicy(DEFAULT_POLICY, {
        version: 'k',
        continuity: {
          'continuation-decision': { offset: '-P6M' },
          'find-receiver': { due: { offset: 'P3D' } },
          lateDue: 'P7D',
        },
      });
      // Written out by hand from DOMAIN.md's defaults (docs/policy.md), not read from DEFAULT_CONTINUITY.
      expect(sut.continuity).toEqual({
        'continuation-decision': { offset: '-P6M', due: { relativeTo: 'fire', offset: 'P4W' } },
        'adulthood-admin': { offset: '-P3M', due: { relativeTo: 'anchor', offset: 'P0D' } },
        'indication-extension': { due: { relativeTo: 'anchor', offset: 'P0D' } },
        'safety-net': { due: { relativeTo: 'fire', offset: 'P4W' } },
        'find-receiver': { due: { relativeTo: 'fire', offset: 'P3D' }, workingDays: true },
        'adult-intake': { due: { relativeTo: 'fire', offset: 'P4W' } },
        lateDue: 'P7D',
      });
      expect(validatePolicy(sut)).toEqual({ ok: true, policy: sut });
    });

    it('keeps a policy without continuity without it when the override names none', () => {
      const sut = mergePolicy(DEFAULT_POLICY, { version: 'l', milestones: { handover: { offset: '-P4M' } } });
      expect('continuity' in sut).toBe(false);
    });

    it("keeps the base's own continuity and merges over it, not over the defaults", () => {
      const compressed = compressPolicy(DEFAULT_POLICY, { msPerDay: 1000 });
      const sut = mergePolicy(compressed, {
        version: 'm',
        continuity: { 'adulthood-admin': { offset: '-PT10S' }, 'safety-net': { due: { offset: 'PT3S' } } },
      });
      // At a second a day: 4 weeks are 28 s, 14 days 14 s, and zero is written P0D.
      expect(sut.continuity?.['safety-net']).toEqual({ due: { relativeTo: 'fire', offset: 'PT3S' } });
      expect(sut.continuity?.['adulthood-admin']).toEqual({
        offset: '-PT10S',
        due: { relativeTo: 'anchor', offset: 'P0D' },
      });
      expect(sut.continuity?.['continuation-decision'].due).toEqual({ relativeTo: 'fire', offset: 'PT28S' });
      expect(sut.continuity?.lateDue).toBe('PT14S');
      expect(mergePolicy(compressed, { version: 'n' }).continuity).toEqual(compressed.continuity);
    });

    it('leaves the base and the defaults untouched', () => {
      const before = JSON.stringify(DEFAULT_CONTINUITY);
      mergePolicy(DEFAULT_POLICY, { version: 'o', continuity: { 'safety-net': { due: { offset: 'P1W' } } } });
      expect(JSON.stringify(DEFAULT_CONTINUITY)).toBe(before);
    });

    it('produces a continuity section that validation then judges', () => {
      const bad = mergePolicy(DEFAULT_POLICY, {
        version: 'p',
        continuity: { 'adult-intake': { due: { relativeTo: 'fire', offset: '-P1D' } }, lateDue: 'P0D' },
      });
      expect(validatePolicy(bad)).toEqual({
        ok: false,
        errors: [
          expect.objectContaining({ path: 'continuity.adult-intake.due.offset' }),
          expect.objectContaining({ path: 'continuity.lateDue' }),
        ],
      });
    });
  });
});
