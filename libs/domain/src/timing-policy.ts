import type { TimeOfDay, TimeZone } from './calendar';
import type { IsoDuration } from './duration';
import type { MilestoneKind } from './milestone-kind';
import type { SignalTriagePolicy } from './signal-triage-policy';

/**
 * When a task is due. `fire`: the offset counts from the moment the task actually fires (for a late occurrence that
 * is the moment it fires at once). `anchor`: the offset counts from the date the milestone is about (the 18th
 * birthday, the authorisation end, the OTS end, the closed-care limit; for a series, the occurrence's own date),
 * so it does not move when the task fires late.
 */
export interface DueRule {
  readonly relativeTo: 'fire' | 'anchor';
  readonly offset: IsoDuration;
}

/** A milestone that fires once, `offset` from its anchor. */
export interface OneOffMilestonePolicy {
  readonly offset: IsoDuration;
  readonly due: DueRule;
}

/** A series: occurrence k fires at anchor + k × interval (k = 1, 2, …). */
export interface RecurringMilestonePolicy {
  readonly interval: IsoDuration;
  readonly due: DueRule;
}

/** Closed care ends at the latest `limit` after the 18th birthday; the warning fires `warning` from that limit. */
export interface ClosedCareLimitPolicy {
  readonly limit: IsoDuration;
  readonly warning: IsoDuration;
  readonly due: DueRule;
}

/** A fixed series: occurrence k fires `offsets[k - 1]` after closure. */
export interface AftercarePolicy {
  readonly offsets: readonly IsoDuration[];
  readonly due: DueRule;
}

export interface MilestonePolicies {
  /** Anchor: the `ages.futurePlan` birthday. */
  readonly 'future-plan': OneOffMilestonePolicy;
  /** Anchor: the `ages.adulthood` birthday. */
  readonly 'adult-care-involvement': OneOffMilestonePolicy;
  /** Anchor: the `ages.adulthood` birthday. */
  readonly 'transition-review': OneOffMilestonePolicy;
  /** Anchor: the `ages.adulthood` birthday. */
  readonly handover: OneOffMilestonePolicy;
  /** Anchor: the placement's start date; one series per placement. */
  readonly 'placement-evaluation': RecurringMilestonePolicy;
  /** Anchor: the authorisation's end date. */
  readonly 'authorisation-expiry': OneOffMilestonePolicy;
  /** Anchor: the `ages.adulthood` birthday + `limit`. */
  readonly 'closed-care-limit': ClosedCareLimitPolicy;
  /** Anchor: the OTS end date. */
  readonly 'ots-expiry': OneOffMilestonePolicy;
  /** Anchor: the `ages.extendedCareEnd` birthday. */
  readonly 'extended-care-end': OneOffMilestonePolicy;
  /** Anchor: the closure of the trajectory. */
  readonly 'aftercare-check-in': AftercarePolicy;
}

export interface AgePolicy {
  /** The future plan is made half a year after this birthday (default `P16Y`). */
  readonly futurePlan: IsoDuration;
  /** Legal majority, the birthday the 18-/18+ transition turns on (default `P18Y`). */
  readonly adulthood: IsoDuration;
  /** Extended youth care ends on this birthday (default `P23Y`). */
  readonly extendedCareEnd: IsoDuration;
}

export interface EscalationPolicy {
  /** From the due moment to the reminder to the assignee (default `-P3D`). */
  readonly reminder: IsoDuration;
  /** From the due moment to the entry on the municipal director's list (default `P7D`). */
  readonly directorList: IsoDuration;
  /** The kinds whose overdue tasks go on the director's list (default handover and transition-review). */
  readonly directorListKinds: readonly MilestoneKind[];
}

/** A milestone that fires when something is recorded (a decision, a rejection, a registration), due by `due`. */
export interface RecordedMilestonePolicy {
  readonly due: DueRule;
}

/**
 * The timing of "Continuity at 18" (DOMAIN.md, issue 12). Optional in a policy: a policy without it (every policy
 * stored before issue 12) uses `DEFAULT_CONTINUITY` (continuity-policy.ts).
 */
export interface ContinuityPolicy {
  /** Anchor: the `ages.adulthood` birthday. The coordinator consolidates the transition review's inputs. */
  readonly 'continuation-decision': OneOffMilestonePolicy;
  /** Anchor: the `ages.adulthood` birthday. Work and income, Wmo and the coordinator: the 18-/18+ practicalities. */
  readonly 'adulthood-admin': OneOffMilestonePolicy;
  /** Fires when the same provider continues; a due relative to the anchor counts from the `ages.adulthood` birthday. */
  readonly 'indication-extension': RecordedMilestonePolicy;
  /** Fires when she declines help. */
  readonly 'safety-net': RecordedMilestonePolicy;
  /** Fires when a handover is rejected. With `workingDays`, a due offset of whole days counts Monday to Friday. */
  readonly 'find-receiver': RecordedMilestonePolicy & { readonly workingDays?: boolean };
  /** Fires when a trajectory is registered, or reopened, at the `ages.adulthood` birthday or later. */
  readonly 'adult-intake': RecordedMilestonePolicy;
  /** An occurrence whose due moment has passed when it fires is due this long after it fires instead. */
  readonly lateDue: IsoDuration;
}

/**
 * The timing of "Placements and court measures that are lawful and legible" (DOMAIN.md, issue 13). Optional in a
 * policy: a policy without it uses `DEFAULT_PLACEMENTS` (placements-policy.ts).
 */
export interface PlacementsPolicy {
  /** Anchor: a custody order's end date (machtiging uithuisplaatsing), to youth protection like the OTS. */
  readonly 'custody-order-expiry': OneOffMilestonePolicy;
  /** Anchor: a closed placement's start; fires `offset` after it when no treatment started by then. */
  readonly 'treatment-start': OneOffMilestonePolicy;
  /** Fires when she is recorded missing, to police and the coordinator; anchored at that moment and due by the end of the day
   * `due` lands on (with a fire time of day; in a compressed policy at that moment itself). */
  readonly 'missing-episode': RecordedMilestonePolicy;
  /** Fires when she returns from a missing episode: a safety assessment. */
  readonly 'safety-assessment': RecordedMilestonePolicy;
}

/** The timing rules of DOMAIN.md as data. See docs/policy.md. */
export interface TimingPolicy {
  /** Identifies this policy; a running trajectory records which version it was computed with. */
  readonly version: string;
  readonly timeZone: TimeZone;
  /** When set, every moment (fire, due, reminder, director list) is this local time on its date (`HH:mm`). */
  readonly fireTimeOfDay?: TimeOfDay;
  readonly ages: AgePolicy;
  readonly milestones: MilestonePolicies;
  readonly escalation: EscalationPolicy;
  /** The continuity milestones; `DEFAULT_CONTINUITY` when absent. */
  readonly continuity?: ContinuityPolicy;
  /** The milestones of lawful and legible placements; `DEFAULT_PLACEMENTS` when absent. */
  readonly placements?: PlacementsPolicy;
  /** When a signal's triage is due; `DEFAULT_SIGNAL_TRIAGE` (5 working days) when absent. */
  readonly signalTriage?: SignalTriagePolicy;
}
