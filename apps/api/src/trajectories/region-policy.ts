import { DEFAULT_POLICY, mergePolicy, validatePolicy, type PolicyOverride, type TimingPolicy } from '@doorloop/domain';
import type { RegionEntity } from '@doorloop/persistence';
import { ProblemError } from '../http/problem';

/** The timing policy a region runs on: the default with the region's overrides laid over it, checked. */
export function regionPolicy(region: RegionEntity): TimingPolicy {
  if (!region.timingPolicy) return DEFAULT_POLICY;
  const checked = validatePolicy(mergePolicy(DEFAULT_POLICY, region.timingPolicy as unknown as PolicyOverride));
  if (checked.ok) return checked.policy;
  const problems = checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  throw new ProblemError(
    'region-policy-invalid',
    `The timing policy of region ${region.name} is invalid (${problems}); ask the regional admin to correct it.`,
  );
}
