import { z } from 'zod';
import { MELDCODE_STEPS, SIGNAL_CATEGORIES, SUBJECT_NAME_MAX_LENGTH, TRIAGE_OUTCOMES } from '@doorloop/domain';
import { pageQuery, pageSchema } from './cursor';
import { reason, uuid } from './scalars';

export {
  MELDCODE_STEPS,
  SIGNAL_CATEGORIES,
  TRIAGE_OUTCOMES,
  type MeldcodeStep,
  type SignalCategory,
  type TriageOutcome,
} from '@doorloop/domain';

export const SIGNAL_DESCRIPTION_MAX_LENGTH = 2000;

/**
 * Who the signal is about: a BSN, or a name with a birth date. Kept only as a keyed hash; the api never returns,
 * stores or logs it.
 */
export const signalSubjectSchema = z
  .strictObject({
    bsn: z
      .string()
      .max(20)
      .optional()
      .describe('Nine digits passing the 11-proof; spaces, dots and hyphens are ignored.'),
    name: z.string().max(SUBJECT_NAME_MAX_LENGTH).optional().describe('Given and family name, with birthDate.'),
    // A string, not isoDate: the domain checks it (with the other subject fields) so one error names every problem.
    birthDate: z.string().max(10).optional().meta({ format: 'date' }).describe('YYYY-MM-DD, with name.'),
  })
  .describe('Either bsn, or name and birthDate.');

/** POST /signals */
export const createSignalSchema = z.strictObject({
  category: z.enum(SIGNAL_CATEGORIES).describe(SIGNAL_CATEGORIES.join(', ')),
  description: z
    .string()
    .trim()
    .min(1)
    .max(SIGNAL_DESCRIPTION_MAX_LENGTH)
    .describe('What was seen, in short; not who (the subject is hashed, this text is not).'),
  meldcodeStep: z.enum(MELDCODE_STEPS).describe('The step of the meldcode taken.'),
  subject: signalSubjectSchema,
});
export type CreateSignal = z.input<typeof createSignalSchema>;

/** POST /signals/{id}/triage */
export const triageSchema = z.strictObject({
  outcome: z.enum(TRIAGE_OUTCOMES).describe(TRIAGE_OUTCOMES.join(', ')),
  reason: reason.describe('Why; kept in the database, never sent to the workflow.'),
  trajectoryId: uuid.optional().describe('With start-trajectory: the trajectory the coordinator started (linked).'),
});
export type TriageRequest = z.input<typeof triageSchema>;

/** GET /signals */
export const listSignalsQuerySchema = z.strictObject({
  triaged: z
    .enum(['true', 'false'], 'must be true or false')
    .transform((value) => value === 'true')
    .optional()
    .describe('false: the triage list (what is still to triage); true: what has been triaged.'),
  ...pageQuery(),
});
export type ListSignalsQuery = z.input<typeof listSignalsQuerySchema>;

/** A signal as the api answers it: never who it is about. */
export const signalSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid().describe('The partner organisation that recorded it.'),
  category: z.enum(SIGNAL_CATEGORIES),
  description: z.string(),
  meldcodeStep: z.enum(MELDCODE_STEPS),
  receivedAt: z.iso.datetime(),
  triageDueOn: z.iso.date().describe('5 working days after it came; Dutch public holidays do not count.'),
  repeatOf: z
    .uuid()
    .nullable()
    .describe('The earlier signal about the same person within two years (an alert for the coordinator); else null.'),
  alert: z
    .boolean()
    .describe('True when this signal repeats one within two years: the coordinator is alerted at once.'),
  triage: z
    .object({
      outcome: z.enum(TRIAGE_OUTCOMES),
      reason: z.string(),
      trajectoryId: z.uuid().nullable(),
      triagedAt: z.iso.datetime(),
    })
    .nullable()
    .describe('Null until the coordinator triages.'),
});
export type Signal = z.output<typeof signalSchema>;

export const signalPageSchema = pageSchema(signalSchema);
