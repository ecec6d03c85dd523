import { DEFAULT_POLICY } from './default-policy';
import { validatePolicy } from './validate-policy';

describe('DEFAULT_POLICY', () => {
  it('is a valid policy', () => {
    expect(validatePolicy(DEFAULT_POLICY)).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });

  it('fires at 09:00 Amsterdam time', () => {
    expect(DEFAULT_POLICY.timeZone).toBe('Europe/Amsterdam');
    expect(DEFAULT_POLICY.fireTimeOfDay).toBe('09:00');
  });

  it('encodes the ages and the table of DOMAIN.md', () => {
    expect(DEFAULT_POLICY.ages).toEqual({ futurePlan: 'P16Y', adulthood: 'P18Y', extendedCareEnd: 'P23Y' });
    const m = DEFAULT_POLICY.milestones;
    expect(m['future-plan']).toEqual({ offset: 'P6M', due: { relativeTo: 'fire', offset: 'P6W' } });
    expect(m['adult-care-involvement']).toEqual({ offset: '-P18M', due: { relativeTo: 'fire', offset: 'P4W' } });
    expect(m['transition-review']).toEqual({ offset: '-P6M', due: { relativeTo: 'fire', offset: 'P4W' } });
    expect(m.handover).toEqual({ offset: '-P3M', due: { relativeTo: 'anchor', offset: 'P0D' } });
    expect(m['placement-evaluation']).toEqual({ interval: 'P3M', due: { relativeTo: 'fire', offset: 'P14D' } });
    expect(m['authorisation-expiry']).toEqual({ offset: '-P6W', due: { relativeTo: 'anchor', offset: 'P0D' } });
    expect(m['closed-care-limit']).toEqual({
      limit: 'P6M',
      warning: '-P6W',
      due: { relativeTo: 'anchor', offset: 'P0D' },
    });
    expect(m['ots-expiry']).toEqual({ offset: '-P3M', due: { relativeTo: 'anchor', offset: 'P0D' } });
    expect(m['extended-care-end']).toEqual({ offset: '-P6M', due: { relativeTo: 'fire', offset: 'P4W' } });
    expect(m['aftercare-check-in']).toEqual({
      offsets: ['P3M', 'P6M', 'P12M'],
      due: { relativeTo: 'fire', offset: 'P14D' },
    });
  });

  it('escalates as DOMAIN.md says', () => {
    expect(DEFAULT_POLICY.escalation).toEqual({
      reminder: '-P3D',
      directorList: 'P7D',
      directorListKinds: ['handover', 'transition-review'],
    });
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.milestones['placement-evaluation'])).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.milestones['aftercare-check-in'].offsets)).toBe(true);
  });
});
