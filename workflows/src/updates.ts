import { defineUpdate } from '@temporalio/workflow';
import type { CourtMeasure, LocalDate, Partner, Placement } from '@doorloop/domain';

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

export const changePlacementUpdate = defineUpdate<ChangeResult, [PlacementChange]>('changePlacement');
export const recordCourtMeasureUpdate = defineUpdate<ChangeResult, [CourtMeasureChange]>('recordCourtMeasure');
export const correctBirthDateUpdate = defineUpdate<ChangeResult, [BirthDateCorrection]>('correctBirthDate');
export const partnerJoinedUpdate = defineUpdate<ChangeResult, [PartnerChange]>('partnerJoined');
export const partnerLeftUpdate = defineUpdate<ChangeResult, [PartnerChange]>('partnerLeft');
export const changeMunicipalityUpdate = defineUpdate<ChangeResult, [MunicipalityChange]>('changeMunicipality');
export const pauseUpdate = defineUpdate<ChangeResult, []>('pause');
export const resumeUpdate = defineUpdate<ChangeResult, []>('resume');
export const closeUpdate = defineUpdate<ChangeResult, [Closure]>('close');
export const taskCompletedUpdate = defineUpdate<ChangeResult, [TaskCompletion]>('taskCompleted');
export const handoverAcknowledgedUpdate = defineUpdate<ChangeResult, [HandoverAcknowledgement]>('handoverAcknowledged');

/** The application-failure type of a refused change; `details[0]` is the list of `{ path, message }` field errors. */
export const INVALID_CHANGE = 'InvalidChange';
