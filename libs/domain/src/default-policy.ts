import { DEFAULT_TIME_ZONE } from './calendar';
import type { TimingPolicy } from './timing-policy';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** The defaults of DOMAIN.md ("Default timing policy"), the policy every region starts from. */
export const DEFAULT_POLICY: TimingPolicy = deepFreeze({
  version: 'default-1',
  timeZone: DEFAULT_TIME_ZONE,
  fireTimeOfDay: '09:00',
  ages: { futurePlan: 'P16Y', adulthood: 'P18Y', extendedCareEnd: 'P23Y' },
  milestones: {
    'future-plan': { offset: 'P6M', due: { relativeTo: 'fire', offset: 'P6W' } },
    'adult-care-involvement': { offset: '-P18M', due: { relativeTo: 'fire', offset: 'P4W' } },
    'transition-review': { offset: '-P6M', due: { relativeTo: 'fire', offset: 'P4W' } },
    handover: { offset: '-P3M', due: { relativeTo: 'anchor', offset: 'P0D' } },
    'placement-evaluation': { interval: 'P3M', due: { relativeTo: 'fire', offset: 'P14D' } },
    'authorisation-expiry': { offset: '-P6W', due: { relativeTo: 'anchor', offset: 'P0D' } },
    'closed-care-limit': { limit: 'P6M', warning: '-P6W', due: { relativeTo: 'anchor', offset: 'P0D' } },
    'ots-expiry': { offset: '-P3M', due: { relativeTo: 'anchor', offset: 'P0D' } },
    'extended-care-end': { offset: '-P6M', due: { relativeTo: 'fire', offset: 'P4W' } },
    'aftercare-check-in': { offsets: ['P3M', 'P6M', 'P12M'], due: { relativeTo: 'fire', offset: 'P14D' } },
  },
  escalation: { reminder: '-P3D', directorList: 'P7D', directorListKinds: ['handover', 'transition-review'] },
});
