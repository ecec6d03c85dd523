import {
  CHANGE_REASONS,
  COURT_MEASURE_SUBTYPES,
  PAUSE_REASONS,
  QUALITY_CHANGE_REASONS,
  type FieldErrorCode,
} from '@doorloop/domain';
import { z } from 'zod';
import { isoDate, reason, uuid } from './scalars';

/**
 * Placements and court measures that are lawful and legible (issue 13): what a change of placement, a court measure, a
 * pause, a start of treatment and a missing episode carry beyond the facts. Free texts (an override's reason, the
 * "other" text, where she was last seen) are kept in the database and never sent to the workflow.
 */

/** An explicit override of a legal rule by the coordinator; kept, audited and shown on the trajectory. */
export const overrideSchema = z
  .strictObject({ reason: reason.describe('Why the legal rule is set aside; kept in the database.') })
  .describe('Record the fact against the legal rule it breaks (coordinator only).');

/**
 * The field-error codes of the legal rules an override may set aside: a refusal naming one of these may be sent again
 * with an `override`. A subtype its type does not have is a mistake, not a legal choice, and is not among them.
 */
export const OVERRIDABLE_RULES = [
  'exceeds-legal-maximum',
  'closed-care-starts-after-18',
  'closed-care-without-treatment-before-18',
  'closed-care-past-limit',
] as const satisfies readonly FieldErrorCode[];
export type OverridableRule = (typeof OVERRIDABLE_RULES)[number];
export const isOverridableRule = (code: string): code is OverridableRule =>
  (OVERRIDABLE_RULES as readonly string[]).includes(code);

const subtypes = [
  ...new Set([...COURT_MEASURE_SUBTYPES['closed-care-authorisation'], ...COURT_MEASURE_SUBTYPES['custody-order']]),
] as [string, ...string[]];

export const courtMeasureSubtypeSchema = z
  .enum(subtypes as ['normal', 'emergency', 'conditional'])
  .describe(
    'closed-care-authorisation: normal, emergency or conditional; custody-order: normal or emergency; an OTS has none. Absent is normal.',
  );

export const changeReasonSchema = z
  .enum(CHANGE_REASONS)
  .describe(`Why the placement changed; only ${QUALITY_CHANGE_REASONS.join(', ')} count as the quality signal.`);

/** `other` needs its text: a refinement for a body whose `reasonField` may be other. */
export function otherNeedsText(reasonField: string, textField: string) {
  return (value: Record<string, unknown>, context: { addIssue: (issue: z.core.$ZodRawIssue) => void }): void => {
    if (value[reasonField] === 'other' && value[textField] === undefined) {
      context.addIssue({
        code: 'custom',
        input: value,
        path: [textField],
        message: `is required when ${reasonField} is other`,
        params: { code: 'required' },
      });
    }
  };
}

/** POST /trajectories/{id}/pauses: a pause needs a reason; missing is no pause (see missing episodes). */
export const pauseSchema = z
  .strictObject({
    reason: z.enum(PAUSE_REASONS),
    reasonText: reason.optional().describe('Required when the reason is other; kept in the database.'),
  })
  .superRefine(otherNeedsText('reason', 'reasonText'));
export type PauseRequest = z.input<typeof pauseSchema>;

/** POST /trajectories/{id}/placements/{placementId}/treatment-start */
export const treatmentStartSchema = z.strictObject({
  treatmentStartDate: isoDate.describe('When treatment actually started.'),
});
export type TreatmentStartRequest = z.input<typeof treatmentStartSchema>;

/** POST /trajectories/{id}/missing-episodes */
export const missingEpisodeSchema = z.strictObject({
  since: z.iso.datetime({ offset: true }).describe('Since when she is missing (the moment she was last seen).'),
  lastSeen: reason
    .optional()
    .describe('Where and with whom she was last seen; kept in the database, never in the workflow.'),
  policeReportMade: z.boolean().describe('Whether a missing-person report was made to the police.'),
});
export type MissingEpisodeRequest = z.input<typeof missingEpisodeSchema>;

export const missingEpisodeParamSchema = z.strictObject({ id: uuid, episodeId: uuid });
export const placementParamSchema = z.strictObject({ id: uuid, placementId: z.string().min(1).max(64) });

/** A missing episode as the trajectory shows it. */
export const missingEpisodeViewSchema = z.object({
  id: z.string(),
  since: z.iso.datetime(),
  recordedAt: z.iso.datetime().nullable(),
  returnedAt: z.iso.datetime().nullable(),
  policeReportMade: z.boolean(),
  lastSeen: z
    .string()
    .nullable()
    .optional()
    .describe('On a single trajectory (GET /trajectories/{id} and the answers to changes); absent in lists.'),
});

/** An override of a legal rule as the trajectory shows it. */
export const legalOverrideViewSchema = z.object({
  subject: z.enum(['placement', 'court-measure']),
  subjectId: z.string(),
  rules: z.array(z.string()).describe('The field-error codes of the rules set aside.'),
  reason: z.string(),
  recordedAt: z.iso.datetime(),
});

/** Changes of placement by reason; `quality` is the signal directors see (breakdown, safety, absconded). */
export const transfersSchema = z.object({
  quality: z.number().int().describe('Breakdowns, safety and absconding: the quality signal.'),
  total: z.number().int().describe('Every change of placement.'),
  byReason: z.object(
    Object.fromEntries([...CHANGE_REASONS, 'unspecified'].map((r) => [r, z.number().int()])) as Record<
      (typeof CHANGE_REASONS)[number] | 'unspecified',
      z.ZodNumber
    >,
  ),
});

/** What a trajectory shows of issue 13 (beside `transfers`, the number of every change of placement). */
export const lawfulPlacementFields = {
  transfersByReason: transfersSchema,
  missingEpisodes: z.array(missingEpisodeViewSchema),
  overrides: z
    .array(legalOverrideViewSchema)
    .optional()
    .describe(
      'Facts recorded against a legal rule, with the reason; on a single trajectory (GET /trajectories/{id} and the answers to changes), absent in lists.',
    ),
};
