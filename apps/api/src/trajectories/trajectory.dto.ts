import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { TRAJECTORY_STATUSES } from '@doorloop/persistence';
import {
  COURT_MEASURE_TYPES,
  EXIT_CHECKLIST_ITEMS,
  CHECKLIST_STATUSES,
  MILESTONE_KINDS,
  PARTNER_ROLES,
  PLACEMENT_TYPES,
} from '@doorloop/domain';

const isoDate = z.iso
  .date('must be a calendar date written YYYY-MM-DD')
  .describe('Calendar date, YYYY-MM-DD (Europe/Amsterdam).');
const organisationId = z.uuid('must be the id of an organisation listed at /api/v1/organisations');

/**
 * A pseudonym is a code, not a name: upper-case letters, digits and hyphens (e.g. TRJ-7F3K). The pattern keeps real
 * names out of the system by construction.
 */
export const pseudonymSchema = z
  .string()
  .regex(
    /^[A-Z0-9][A-Z0-9-]{2,31}$/,
    'must be a code of 3–32 upper-case letters, digits or hyphens, e.g. TRJ-7F3K (never a name)',
  );

export const municipalityCodeSchema = z
  .string()
  .regex(/^GM\d{4}$/, 'must be a CBS municipality code: GM followed by 4 digits, e.g. GM0599');

export const partnerSchema = z.strictObject({ organisationId, role: z.enum(PARTNER_ROLES) });

export const placementInputSchema = z.strictObject({
  type: z.enum(PLACEMENT_TYPES),
  startDate: isoDate,
  endDate: isoDate.optional(),
  providerOrganisationId: organisationId,
  authorisationEndDate: isoDate
    .optional()
    .describe('End of the closed-care authorisation (machtiging); closed placements only.'),
});

export const courtMeasureInputSchema = z.strictObject({
  type: z.enum(COURT_MEASURE_TYPES),
  startDate: isoDate,
  endDate: isoDate,
});

export const createTrajectorySchema = z.strictObject({
  pseudonym: pseudonymSchema,
  birthDate: isoDate,
  municipalityCode: municipalityCodeSchema,
  partners: z.array(partnerSchema).max(50).default([]),
  placements: z.array(placementInputSchema).max(50).default([]),
  courtMeasures: z.array(courtMeasureInputSchema).max(50).default([]),
});
export class CreateTrajectoryDto extends createZodDto(createTrajectorySchema) {}

export class PlacementChangeDto extends createZodDto(placementInputSchema) {}
export class CourtMeasureDto extends createZodDto(courtMeasureInputSchema) {}
export class BirthDateCorrectionDto extends createZodDto(z.strictObject({ birthDate: isoDate })) {}
export class PartnerDto extends createZodDto(partnerSchema) {}
export class MunicipalityChangeDto extends createZodDto(z.strictObject({ municipalityCode: municipalityCodeSchema })) {}

const checklistItemSchema = z.strictObject({
  status: z.enum(CHECKLIST_STATUSES),
  reason: z.string().trim().min(1).max(2000).optional().describe('Required when the status is not-arranged.'),
});
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
export class ClosureDto extends createZodDto(closureSchema) {}

export const trajectorySchema = z.object({
  id: z.uuid(),
  pseudonym: z.string(),
  birthDate: isoDate,
  municipalityCode: z.string(),
  status: z.enum(['active', 'paused', 'closed']),
  policyVersion: z.string(),
  revision: z.number().int().describe('Increases with every accepted change.'),
  partners: z.array(partnerSchema),
  placements: z.array(placementInputSchema.extend({ id: z.string() })),
  courtMeasures: z.array(courtMeasureInputSchema.extend({ id: z.string() })),
  transfers: z.number().int().describe('Changes of placement so far.'),
  closedOn: isoDate.nullable(),
  createdAt: z.iso.datetime(),
});
export class TrajectoryDto extends createZodDto(trajectorySchema, { codec: true }) {}
export class TrajectoryListDto extends createZodDto(
  z.object({
    items: z.array(trajectorySchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
  }),
  { codec: true },
) {}

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
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page.'),
});
export class ListTrajectoriesQueryDto extends createZodDto(listTrajectoriesQuerySchema) {}

export const milestoneSchema = z.object({
  kind: z.enum(MILESTONE_KINDS),
  occurrence: z.number().int(),
  fireDate: isoDate,
  dueDate: isoDate,
  status: z.enum(['upcoming', 'fired', 'late', 'missed', 'done', 'cancelled']),
  assignees: z.array(z.object({ organisationId: z.string(), role: z.string() })),
});
export class MilestoneListDto extends createZodDto(z.object({ items: z.array(milestoneSchema) }), { codec: true }) {}

export class IdParamDto extends createZodDto(z.strictObject({ id: z.uuid('must be a UUID') })) {}
export class CourtMeasureParamDto extends createZodDto(
  z.strictObject({ id: z.uuid('must be a UUID'), courtMeasureId: z.string().min(1).max(64) }),
) {}
export class PartnerParamDto extends createZodDto(z.strictObject({ id: z.uuid('must be a UUID'), organisationId })) {}
export class PartnerRoleQueryDto extends createZodDto(z.strictObject({ role: z.enum(PARTNER_ROLES) })) {}
