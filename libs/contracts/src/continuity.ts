import { z } from 'zod';
import { CONTINUATIONS, LEGAL_BASES } from '@doorloop/domain';
import { isoDate, organisationId, reason } from './scalars';

export { CONTINUATIONS, LEGAL_BASES, type Continuation, type LegalBasis } from '@doorloop/domain';

/** One period of help on one legal basis (Continuity at 18). */
export const legalBasisPeriodSchema = z.strictObject({
  basis: z.enum(LEGAL_BASES).describe('jeugdwet, verlengde-jeugdhulp, wmo, zvw, wlz, participatiewet or none.'),
  providerOrganisationId: organisationId.optional().describe('Who gives the help; absent for basis none.'),
  from: isoDate.describe('First day of the period.'),
  until: isoDate.optional().describe('Last day of the period; absent while it runs.'),
});
export type LegalBasisPeriod = z.input<typeof legalBasisPeriodSchema>;

/** POST /trajectories/{id}/legal-bases: the corrected list replaces the recorded one. */
export const legalBasesChangeSchema = z.strictObject({
  legalBases: z
    .array(legalBasisPeriodSchema)
    .max(50)
    .describe('Every period, in any order; an empty list clears them.'),
});
export type LegalBasesChange = z.input<typeof legalBasesChangeSchema>;

/** POST /trajectories/{id}/handovers: the coordinator chose a receiving organisation; a new handover occurrence fires. */
export const handoverRequestSchema = z.strictObject({
  receivingOrganisationId: organisationId.describe('The organisation that is to receive her.'),
  note: reason.optional().describe("For the coordinator's file; kept in the database, never sent to the workflow."),
});
export type HandoverRequest = z.input<typeof handoverRequestSchema>;

/** POST /trajectories/{id}/reopenings: a closed trajectory comes back (she comes back). */
export const reopeningSchema = z.strictObject({
  date: isoDate.describe('The day it reopens: on or after the closure, not in the future.'),
  reason: reason.describe('Why it reopens; kept in the database, never sent to the workflow.'),
});
export type ReopeningRequest = z.input<typeof reopeningSchema>;

/** The continuation decision as the trajectory shows it (its codes; her words are in the decision task's outcome). */
export const continuationSchema = z.object({
  continuation: z.enum(CONTINUATIONS),
  basis: z.enum(LEGAL_BASES),
  providerOrganisationId: z.uuid().nullable(),
  decidedAt: z.iso.datetime(),
});

/** What a trajectory shows of Continuity at 18. */
export const continuityFields = {
  legalBases: z.array(legalBasisPeriodSchema).describe('On what basis, and by whom, help is given, per period.'),
  continuation: continuationSchema
    .nullable()
    .describe('The continuation decision once recorded (task kind continuation-decision); null before.'),
  reopenings: z
    .array(z.object({ date: isoDate, closedOn: isoDate }))
    .describe('Each time the trajectory was reopened, and the closure it undid.'),
};

/** What a reopening answers besides the trajectory: the bases help may have from the reopening date. */
export const allowedBasesField = {
  allowedBases: z
    .array(z.enum(LEGAL_BASES))
    .describe('verlengde-jeugdhulp only within six months of the end of youth care and before 23; else adult bases.'),
};
