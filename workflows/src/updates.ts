import { defineUpdate } from '@temporalio/workflow';
import type {
  Continuation,
  CourtMeasure,
  LegalBasis,
  LegalBasisPeriod,
  LocalDate,
  Partner,
  PauseReason,
  Placement,
} from '@doorloop/domain';

/**
 * The changes a trajectory accepts, as Temporal workflow updates. Each has a validator: an invalid change is refused
 * with an `InvalidChange` application failure whose details list the field errors, and nothing changes. Payloads carry
 * ids, dates and codes only. Every accepted change bumps `revision` and is projected to PostgreSQL before the update
 * returns, so a client that reads after the update sees it.
 */
export interface ChangeResult {
  revision: number;
}

/** A new placement; an ongoing placement ends the day before the new one starts (a transfer). */
export interface PlacementChange {
  placement: Placement;
}
/** Adds a court measure, or replaces the one with the same id (an extension). */
export interface CourtMeasureChange {
  courtMeasure: CourtMeasure;
}
export interface BirthDateCorrection {
  birthDate: LocalDate;
}
export interface PartnerChange {
  partner: Partner;
}
export interface MunicipalityChange {
  municipalityCode: string;
  /**
   * The new municipality's organisation, when the region has one: it replaces the Wmo partner (Continuity at 18).
   * Absent: the partners stay as they are.
   */
  wmoOrganisationId?: string;
}
/** The checklist and any override reason are checked and stored by the api; the workflow needs only the date. */
export interface Closure {
  date: LocalDate;
}
export interface TaskCompletion {
  occurrenceKey: string;
  organisationId: string;
}
export interface HandoverAcknowledgement {
  occurrenceKey: string;
  organisationId: string;
  accepted: boolean;
}

/** The continuation decision's codes (its reasons and her words stay in PostgreSQL); recorded at the update's moment. */
export interface ContinuationChange {
  continuation: Continuation;
  basis: LegalBasis;
  providerOrganisationId?: string;
}
/** Replaces the legal-basis periods (a correction). */
export interface LegalBasesChange {
  legalBases: LegalBasisPeriod[];
}
/** The coordinator chose a receiving organisation: a new handover occurrence fires to it. */
export interface ReceiverChange {
  receivingOrganisationId: string;
}
/** Brings a closed trajectory back on `date` (its reason stays in PostgreSQL). */
export interface Reopening {
  date: LocalDate;
}

/** Issue 13: when treatment started in a placement (settable later). */
export interface TreatmentStartChange {
  placementId: string;
  treatmentStartDate: LocalDate;
}
/** She went missing at `since` (her last-seen description stays in PostgreSQL); recorded at the update's moment. */
export interface MissingEpisodeChange {
  id: string;
  since: number;
  policeReportMade: boolean;
}
/** She returned from the missing episode `episodeId`, at the update's moment. */
export interface ReturnChange {
  episodeId: string;
}
/**
 * Why the trajectory pauses (its free text stays in PostgreSQL). The pause update takes it as an optional argument (the
 * handler reads it); pauses from before issue 13 have none.
 */
export interface PauseChange {
  reason: PauseReason;
}

export const changePlacementUpdate = defineUpdate<ChangeResult, [PlacementChange]>('changePlacement');
export const recordCourtMeasureUpdate = defineUpdate<ChangeResult, [CourtMeasureChange]>('recordCourtMeasure');
export const correctBirthDateUpdate = defineUpdate<ChangeResult, [BirthDateCorrection]>('correctBirthDate');
export const partnerJoinedUpdate = defineUpdate<ChangeResult, [PartnerChange]>('partnerJoined');
export const partnerLeftUpdate = defineUpdate<ChangeResult, [PartnerChange]>('partnerLeft');
export const changeMunicipalityUpdate = defineUpdate<ChangeResult, [MunicipalityChange]>('changeMunicipality');
export const pauseUpdate = defineUpdate<ChangeResult, []>('pause');
/** The same update, with its reason (issue 13): the handler of `pause` takes it as an optional argument. */
export const pauseWithReasonUpdate = defineUpdate<ChangeResult, [PauseChange]>('pause');
export const resumeUpdate = defineUpdate<ChangeResult, []>('resume');
export const closeUpdate = defineUpdate<ChangeResult, [Closure]>('close');
export const taskCompletedUpdate = defineUpdate<ChangeResult, [TaskCompletion]>('taskCompleted');
export const handoverAcknowledgedUpdate = defineUpdate<ChangeResult, [HandoverAcknowledgement]>('handoverAcknowledged');
export const recordContinuationUpdate = defineUpdate<ChangeResult, [ContinuationChange]>('recordContinuation');
export const setLegalBasesUpdate = defineUpdate<ChangeResult, [LegalBasesChange]>('setLegalBases');
export const chooseReceiverUpdate = defineUpdate<ChangeResult, [ReceiverChange]>('chooseReceiver');
export const reopenUpdate = defineUpdate<ChangeResult, [Reopening]>('reopen');
export const recordTreatmentStartUpdate = defineUpdate<ChangeResult, [TreatmentStartChange]>('recordTreatmentStart');
export const recordMissingEpisodeUpdate = defineUpdate<ChangeResult, [MissingEpisodeChange]>('recordMissingEpisode');
export const recordReturnUpdate = defineUpdate<ChangeResult, [ReturnChange]>('recordReturn');

/** The application-failure type of a refused change; `details[0]` is the list of `{ path, message }` field errors. */
export const INVALID_CHANGE = 'InvalidChange';
