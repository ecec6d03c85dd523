import { z } from 'zod';
import {
  CHECKLIST_STATUSES,
  COURT_MEASURE_TYPES,
  EXIT_CHECKLIST_ITEMS,
  PARTNER_ROLES,
  PLACEMENT_TYPES,
  TRAJECTORY_STATUSES,
  isValidBsn,
} from '@doorloop/domain';
import { pageQuery, pageSchema } from './cursor';
import { isoDate, organisationId, uuid } from './scalars';

/**
 * A pseudonym is a code, not a name: upper-case letters, digits and hyphens (e.g. TRJ-7F3K). The pattern keeps real
 * names out of the system by construction.
 */
export const PSEUDONYM_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,31}$/;
export const pseudonymSchema = z
  .string()
  .regex(
    PSEUDONYM_PATTERN,
    'must be a code of 3–32 upper-case letters, digits or hyphens, e.g. TRJ-7F3K (never a name)',
  )
  // A BSN is identifying, wherever in the code it is written: nine digits that pass the 11-proof are refused.
  .refine((pseudonym) => !(pseudonym.match(/\d{9,}/g) ?? []).some(containsBsn), {
    message: 'must not contain a BSN: use a code such as TRJ-7F3K',
    params: { code: 'bsn-like' },
  });

/** Whether any nine consecutive digits of `digits` pass the 11-proof. */
function containsBsn(digits: string): boolean {
  return Array.from({ length: digits.length - 8 }, (_, i) => digits.slice(i, i + 9)).some(isValidBsn);
}

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
});
export type PlacementInput = z.input<typeof placementInputSchema>;

export const courtMeasureInputSchema = z.strictObject({
  type: z.enum(COURT_MEASURE_TYPES),
  startDate: isoDate,
  endDate: isoDate,
});
export type CourtMeasureInput = z.input<typeof courtMeasureInputSchema>;

/** POST /trajectories */
export const createTrajectorySchema = z.strictObject({
  pseudonym: pseudonymSchema,
  birthDate: isoDate,
  municipalityCode: municipalityCodeSchema,
  partners: z.array(partnerSchema).max(50).default([]),
  placements: z.array(placementInputSchema).max(50).default([]),
  courtMeasures: z.array(courtMeasureInputSchema).max(50).default([]),
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
  reason: z.string().trim().min(1).max(2000).optional().describe('Required when the status is not-arranged.'),
});

/** POST /trajectories/{id}/closure */
export const closureSchema = z.strictObject({
  date: isoDate,
  checklist: z
    .strictObject(Object.fromEntries(EXIT_CHECKLIST_ITEMS.map((item) => [item, checklistItemSchema.optional()])))
    .optional(),
  override: z
    .strictObject({ reason: z.string().trim().min(1).max(2000) })
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
  placements: z.array(placementInputSchema.extend({ id: z.string() })),
  courtMeasures: z.array(courtMeasureInputSchema.extend({ id: z.string() })),
  transfers: z.number().int().describe('Changes of placement so far.'),
  closedOn: isoDate.nullable(),
  createdAt: z.iso.datetime(),
});
export type Trajectory = z.output<typeof trajectorySchema>;

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
