import { z } from 'zod';
import {
  CHECKLIST_STATUSES,
  COURT_MEASURE_TYPES,
  EXIT_CHECKLIST_ITEMS,
  EXPLOITATION_FORMS,
  PARTNER_ROLES,
  PLACEMENT_TYPES,
  PSEUDONYM_PATTERN,
  TRAJECTORY_STATUSES,
  pseudonymFinding,
} from '@doorloop/domain';
import { allowedBasesField, continuityFields } from './continuity';
import { pageQuery, pageSchema } from './cursor';
import { isoDate, organisationId, reason, uuid } from './scalars';
import {
  changeReasonSchema,
  courtMeasureSubtypeSchema,
  lawfulPlacementFields,
  otherNeedsText,
  overrideSchema,
} from './placements';

/** The browser checks the shape with the same pattern. */
export { PSEUDONYM_PATTERN };

const PSEUDONYM_MESSAGES = {
  'bsn-like': 'must not contain a BSN: use a code such as TRJ-7F3K',
  'name-like': 'must be a code, not a name or word: mix digits in, at most three letters in a row, e.g. TRJ-7F3K',
} as const;

/**
 * A pseudonym is a code, never a name (libs/domain `pseudonymFinding`); whether its prefix is the region's is checked
 * where the region is known, by the service.
 */
export const pseudonymSchema = z
  .string()
  .regex(
    PSEUDONYM_PATTERN,
    "must be the region's prefix, a hyphen and a code of 4–12 capitals and digits, e.g. TRJ-7F3K (never a name)",
  )
  .superRefine((pseudonym, context) => {
    const finding = pseudonymFinding(pseudonym);
    if (finding === 'bsn-like' || finding === 'name-like') {
      context.addIssue({ code: 'custom', message: PSEUDONYM_MESSAGES[finding], params: { code: finding } });
    }
  });

export const municipalityCodeSchema = z
  .string()
  .regex(/^GM\d{4}$/, 'must be a CBS municipality code: GM followed by 4 digits, e.g. GM0599');

export const partnerSchema = z.strictObject({ organisationId, role: z.enum(PARTNER_ROLES) });
export type Partner = z.infer<typeof partnerSchema>;

export const placementInputSchema = z.strictObject({
  type: z.enum(PLACEMENT_TYPES),
  startDate: isoDate,
  endDate: isoDate.optional(),
  providerOrganisationId: organisationId,
  authorisationEndDate: isoDate
    .optional()
    .describe('End of the closed-care authorisation (machtiging); closed placements only.'),
  treatmentStartDate: isoDate.optional().describe('When treatment actually started (also settable later).'),
});
export type PlacementInput = z.input<typeof placementInputSchema>;

export const courtMeasureInputSchema = z.strictObject({
  type: z.enum(COURT_MEASURE_TYPES),
  subtype: courtMeasureSubtypeSchema.optional(),
  startDate: isoDate,
  endDate: isoDate,
});

/** POST /trajectories/{id}/court-measures and PUT …/{courtMeasureId}: a measure, with an override where the law objects. */
export const courtMeasureChangeSchema = courtMeasureInputSchema.extend({ override: overrideSchema.optional() });
export type CourtMeasureChange = z.input<typeof courtMeasureChangeSchema>;

/** POST /trajectories/{id}/placements: a change of placement says why, and may override a legal rule. */
export const placementChangeSchema = placementInputSchema
  .extend({
    changeReason: changeReasonSchema,
    changeReasonText: reason.optional().describe('Required when the reason is other; kept in the database.'),
    override: overrideSchema.optional(),
  })
  .superRefine(otherNeedsText('changeReason', 'changeReasonText'));
export type PlacementChange = z.input<typeof placementChangeSchema>;
export type CourtMeasureInput = z.input<typeof courtMeasureInputSchema>;

/** The forms of exploitation, each at most once; an empty list is "not recorded". */
export const exploitationFormsSchema = z
  .array(z.enum(EXPLOITATION_FORMS))
  .max(EXPLOITATION_FORMS.length)
  .refine((forms) => new Set(forms).size === forms.length, 'names a form more than once')
  .describe(`Any of ${EXPLOITATION_FORMS.join(', ')}; for the annual report only.`);

/** PUT /trajectories/{id}/exploitation-forms */
export const exploitationFormsChangeSchema = z.strictObject({ exploitationForms: exploitationFormsSchema });
export type ExploitationFormsChange = z.input<typeof exploitationFormsChangeSchema>;

/** POST /trajectories */
export const createTrajectorySchema = z.strictObject({
  pseudonym: pseudonymSchema,
  birthDate: isoDate,
  municipalityCode: municipalityCodeSchema,
  partners: z.array(partnerSchema).max(50).default([]),
  placements: z.array(placementInputSchema).max(50).default([]),
  courtMeasures: z.array(courtMeasureInputSchema).max(50).default([]),
  exploitationForms: exploitationFormsSchema.optional(),
});
/** What a client sends (lists may be left out). */
export type CreateTrajectory = z.input<typeof createTrajectorySchema>;

/** PUT /trajectories/{id}/birth-date */
export const birthDateCorrectionSchema = z.strictObject({ birthDate: isoDate });
export type BirthDateCorrection = z.input<typeof birthDateCorrectionSchema>;

/** PUT /trajectories/{id}/municipality */
export const municipalityChangeSchema = z.strictObject({ municipalityCode: municipalityCodeSchema });
export type MunicipalityChange = z.input<typeof municipalityChangeSchema>;

const checklistItemSchema = z.strictObject({
  status: z.enum(CHECKLIST_STATUSES),
  reason: reason.optional().describe('Required when the status is not-arranged.'),
});

/** POST /trajectories/{id}/closure */
export const closureSchema = z.strictObject({
  date: isoDate,
  checklist: z
    .strictObject(Object.fromEntries(EXIT_CHECKLIST_ITEMS.map((item) => [item, checklistItemSchema.optional()])))
    .optional(),
  override: z
    .strictObject({ reason })
    .optional()
    .describe('Close without a complete checklist; the reason is recorded.'),
});
export type Closure = z.input<typeof closureSchema>;

/** A trajectory as the api answers it. */
export const trajectorySchema = z.object({
  id: z.uuid(),
  pseudonym: z.string(),
  birthDate: isoDate,
  municipalityCode: z.string(),
  status: z.enum(TRAJECTORY_STATUSES),
  policyVersion: z.string(),
  revision: z.number().int().describe('Increases with every accepted change.'),
  partners: z.array(partnerSchema),
  placements: z.array(
    placementInputSchema.extend({
      id: z.string(),
      changeReason: changeReasonSchema.optional(),
      overridden: z.boolean().optional().describe('Recorded against a legal rule (see overrides).'),
    }),
  ),
  courtMeasures: z.array(
    courtMeasureInputSchema.extend({
      id: z.string(),
      overridden: z.boolean().optional().describe('Recorded against a legal rule (see overrides).'),
    }),
  ),
  transfers: z.number().int().describe('Changes of placement so far, whatever their reason (see transfersByReason).'),
  ...lawfulPlacementFields,
  exploitationForms: z.array(z.enum(EXPLOITATION_FORMS)).describe('The forms of exploitation recorded; [] for none.'),
  closedOn: isoDate.nullable(),
  createdAt: z.iso.datetime(),
  ...continuityFields,
});
export type Trajectory = z.output<typeof trajectorySchema>;

/** POST /trajectories/{id}/reopenings answers the trajectory and the bases possible from the reopening date. */
export const reopenedTrajectorySchema = trajectorySchema.extend(allowedBasesField);
export type ReopenedTrajectory = z.output<typeof reopenedTrajectorySchema>;

export const trajectoryPageSchema = pageSchema(trajectorySchema);
export type TrajectoryPage = z.output<typeof trajectoryPageSchema>;

/** GET /trajectories */
export const listTrajectoriesQuerySchema = z.strictObject({
  pseudonym: z
    .string()
    .regex(/^[A-Z0-9-]{1,32}$/, 'must be (the start of) a pseudonym: upper-case letters, digits, hyphens')
    .optional()
    .describe('Pseudonyms starting with this, e.g. TRJ-7.'),
  status: z
    .string()
    .transform((text) => text.split(',').map((part) => part.trim()))
    .pipe(z.array(z.enum(TRAJECTORY_STATUSES, 'must be active, paused or closed, separated by commas')).min(1))
    .optional()
    .describe('Comma-separated statuses, e.g. active,paused.'),
  ...pageQuery(),
});
export type ListTrajectoriesQuery = z.input<typeof listTrajectoriesQuerySchema>;

export const idParamSchema = z.strictObject({ id: uuid });
export const courtMeasureParamSchema = z.strictObject({ id: uuid, courtMeasureId: z.string().min(1).max(64) });
export const partnerParamSchema = z.strictObject({ id: uuid, organisationId });
/** DELETE /trajectories/{id}/partners/{organisationId}?role= */
export const partnerRoleQuerySchema = z.strictObject({ role: z.enum(PARTNER_ROLES) });
