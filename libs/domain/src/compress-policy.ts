import { approximateMs, type Duration, formatDuration, type IsoDuration, requireDuration } from './duration';
import { continuityOf } from './continuity-policy';
import { placementsOf } from './placements-policy';
import { signalTriageOf } from './signal-triage-policy';
import type { ContinuityPolicy, DueRule, MilestonePolicies, PlacementsPolicy, TimingPolicy } from './timing-policy';

const MS_PER_DAY = 86_400_000;

export interface CompressionOptions {
  /** How many real milliseconds stand for one day of the policy (e.g. 1000 / 30: a month lasts about a second). */
  readonly msPerDay: number;
  /** The version of the compressed policy; defaults to `<base version>+compressed-<msPerDay>`. */
  readonly version?: string;
}

/**
 * Turns a policy into a test policy in which every duration is elapsed time (`PT…S`) scaled by `msPerDay`, and
 * moments are exact instants (no fire time of day). A year counts as 365.2425 days and a month as a twelfth of
 * that, so relative order is kept except between milestones that fall within a few days of each other.
 */
export function compressPolicy(base: TimingPolicy, options: CompressionOptions): TimingPolicy {
  if (!(options.msPerDay > 0) || !Number.isFinite(options.msPerDay)) {
    throw new Error(`msPerDay must be a positive number, got ${options.msPerDay}`);
  }
  const scale = (value: IsoDuration): IsoDuration => compressDuration(requireDuration(value), options.msPerDay);
  const due = (rule: DueRule): DueRule => ({ relativeTo: rule.relativeTo, offset: scale(rule.offset) });
  const oneOff = (policy: { offset: IsoDuration; due: DueRule }) => ({
    offset: scale(policy.offset),
    due: due(policy.due),
  });
  const m = base.milestones;
  const milestones: MilestonePolicies = {
    'future-plan': oneOff(m['future-plan']),
    'adult-care-involvement': oneOff(m['adult-care-involvement']),
    'transition-review': oneOff(m['transition-review']),
    handover: oneOff(m.handover),
    'placement-evaluation': {
      interval: scale(m['placement-evaluation'].interval),
      due: due(m['placement-evaluation'].due),
    },
    'authorisation-expiry': oneOff(m['authorisation-expiry']),
    'closed-care-limit': {
      limit: scale(m['closed-care-limit'].limit),
      warning: scale(m['closed-care-limit'].warning),
      due: due(m['closed-care-limit'].due),
    },
    'ots-expiry': oneOff(m['ots-expiry']),
    'extended-care-end': oneOff(m['extended-care-end']),
    'aftercare-check-in': {
      offsets: m['aftercare-check-in'].offsets.map(scale),
      due: due(m['aftercare-check-in'].due),
    },
  };
  const c = continuityOf(base);
  // Working days have no meaning in elapsed time: a compressed find-receiver is due its plain offset after it fires.
  const continuity: ContinuityPolicy = {
    'continuation-decision': oneOff(c['continuation-decision']),
    'adulthood-admin': oneOff(c['adulthood-admin']),
    'indication-extension': { due: due(c['indication-extension'].due) },
    'safety-net': { due: due(c['safety-net'].due) },
    'find-receiver': { due: due(c['find-receiver'].due) },
    'adult-intake': { due: due(c['adult-intake'].due) },
    lateDue: scale(c.lateDue),
  };
  const p = placementsOf(base);
  const placements: PlacementsPolicy = {
    'custody-order-expiry': oneOff(p['custody-order-expiry']),
    'treatment-start': oneOff(p['treatment-start']),
    'missing-episode': { due: due(p['missing-episode'].due) },
    'safety-assessment': { due: due(p['safety-assessment'].due) },
  };
  return {
    version: options.version ?? `${base.version}+compressed-${options.msPerDay}`,
    timeZone: base.timeZone,
    ages: {
      futurePlan: scale(base.ages.futurePlan),
      adulthood: scale(base.ages.adulthood),
      extendedCareEnd: scale(base.ages.extendedCareEnd),
    },
    milestones,
    escalation: {
      reminder: scale(base.escalation.reminder),
      directorList: scale(base.escalation.directorList),
      directorListKinds: [...base.escalation.directorListKinds],
    },
    continuity,
    placements,
    // Working days have no meaning in elapsed time either: without a time of day the due counts as elapsed time.
    signalTriage: { due: scale(signalTriageOf(base).due), workingDays: signalTriageOf(base).workingDays },
  };
}

function compressDuration(duration: Duration, msPerDay: number): IsoDuration {
  const ms = Math.round((approximateMs(duration) / MS_PER_DAY) * msPerDay);
  return formatDuration({
    sign: ms < 0 ? -1 : 1,
    years: 0,
    months: 0,
    weeks: 0,
    days: 0,
    hours: 0,
    minutes: 0,
    milliseconds: Math.abs(ms),
  });
}
