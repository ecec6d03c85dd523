import type { EpochMs, LocalDate } from './calendar';
import type { ContinuationDecision, LegalBasisPeriod } from './legal-basis';
import type { ChangeReason, CourtMeasureSubtype, PauseReason } from './lawful-placement';
import type { CourtMeasureType, PartnerRole, PlacementType } from './roles';

/** A partner organisation involved in the trajectory, in one role. An organisation may appear in several roles. */
export interface Partner {
  readonly organisationId: string;
  readonly role: PartnerRole;
}

export interface Placement {
  readonly id: string;
  readonly type: PlacementType;
  readonly startDate: LocalDate;
  /** Last day of the placement; absent while it lasts. */
  readonly endDate?: LocalDate;
  readonly providerOrganisationId: string;
  /** End of the closed-care authorisation (machtiging gesloten jeugdhulp); closed placements only. */
  readonly authorisationEndDate?: LocalDate;
  // Issue 13: absent on placements from before it.
  /** When treatment actually started; a closed placement without it six weeks after its start fires a task. */
  readonly treatmentStartDate?: LocalDate;
  /** Why the placement before it changed into this one (absent on a first placement). */
  readonly changeReason?: ChangeReason;
  /** The coordinator recorded it against a legal rule, with a reason the API keeps (never in these facts). */
  readonly overridden?: boolean;
}

export interface CourtMeasure {
  readonly id: string;
  readonly type: CourtMeasureType;
  readonly startDate: LocalDate;
  readonly endDate: LocalDate;
  /** The machtiging's kind (lawful-placement.ts); absent is `normal`. An OTS has none. */
  readonly subtype?: CourtMeasureSubtype;
  /** The coordinator recorded it against a legal rule, with a reason the API keeps (never in these facts). */
  readonly overridden?: boolean;
}

/** She went missing at `since` (vermissing): tasks fire at once; `returnedAt` closes the episode. */
export interface MissingEpisode {
  readonly id: string;
  readonly since: EpochMs;
  /** When it was recorded: the tasks fire then (at once), not at `since`. */
  readonly recordedAt?: EpochMs;
  readonly policeReportMade: boolean;
  readonly returnedAt?: EpochMs;
}

/** A pause of the whole trajectory, between two instants; `to` is absent while it lasts. */
export interface Pause {
  readonly from: EpochMs;
  readonly to?: EpochMs;
  /** Why (issue 13); absent on pauses from before it. Any free text stays with the API. */
  readonly reason?: PauseReason;
}

/** A pause that has ended: its two instants. */
export type EndedPause = Required<Pick<Pause, 'from' | 'to'>>;

export interface Closure {
  readonly date: LocalDate;
  /** The instant the coordinator closed the trajectory; when absent, the start of `date`. */
  readonly at?: EpochMs;
}

/** A handover the receiving organisation rejected, at `at`: a coordinator task to find a receiver fires. */
export interface HandoverRejection {
  readonly occurrenceKey: string;
  readonly at: EpochMs;
}

/** The coordinator chose a receiving organisation at `at`: a new handover occurrence fires to it. */
export interface ReceiverChoice {
  readonly receivingOrganisationId: string;
  readonly at: EpochMs;
}

/** A closed trajectory brought back on `date` (at `at`); `closedOn` is the closure it undid. */
export interface Reopening {
  readonly date: LocalDate;
  readonly at: EpochMs;
  readonly closedOn: LocalDate;
}

/**
 * Everything the schedule is computed from. Carries ids, dates and codes only, never personal data, so it may travel
 * through Temporal in the clear.
 */
export interface TrajectoryFacts {
  readonly birthDate: LocalDate;
  /** The instant the trajectory was registered. */
  readonly startedOn: EpochMs;
  readonly coordinatorOrganisationId: string;
  /** CBS code of the responsible municipality, such as GM0599. */
  readonly municipalityCode: string;
  readonly partners: readonly Partner[];
  readonly placements: readonly Placement[];
  readonly courtMeasures: readonly CourtMeasure[];
  readonly pauses: readonly Pause[];
  readonly closure?: Closure;
  // Continuity at 18 (issue 12): absent on trajectories from before it, which is the same as empty.
  /** On what basis, and by whom, help is given, per period (legal-basis.ts). */
  readonly legalBases?: readonly LegalBasisPeriod[];
  /** The continuation decision, once the coordinator recorded it. */
  readonly continuation?: ContinuationDecision;
  readonly handoverRejections?: readonly HandoverRejection[];
  readonly receiverChoices?: readonly ReceiverChoice[];
  readonly reopenings?: readonly Reopening[];
  // Placements and court measures that are lawful and legible (issue 13): absent before it, the same as empty.
  readonly missingEpisodes?: readonly MissingEpisode[];
}

/** When the trajectory (re)started: its last reopening, or its registration. */
export function currentStart(facts: TrajectoryFacts): EpochMs {
  const reopenings = facts.reopenings ?? [];
  return reopenings.length > 0 ? reopenings[reopenings.length - 1].at : facts.startedOn;
}

/** Every change of placement counts as a transfer: the number of placements minus one. */
export function countTransfers(placements: readonly Placement[]): number {
  return Math.max(placements.length - 1, 0);
}
