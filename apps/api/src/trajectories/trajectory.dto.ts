import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const isoDate = z.iso.date().describe('Calendar date, YYYY-MM-DD (Europe/Amsterdam).');

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

export const createTrajectorySchema = z.strictObject({
  pseudonym: pseudonymSchema,
  birthDate: isoDate,
  municipalityCode: municipalityCodeSchema,
});

export class CreateTrajectoryDto extends createZodDto(createTrajectorySchema) {}

export const trajectorySchema = z.object({
  id: z.uuid(),
  pseudonym: z.string(),
  birthDate: isoDate,
  municipalityCode: z.string(),
  status: z.enum(['active', 'paused', 'closed']),
  policyVersion: z.string(),
  createdAt: z.iso.datetime(),
});

export class TrajectoryDto extends createZodDto(trajectorySchema, { codec: true }) {}

export const idParamSchema = z.strictObject({ id: z.uuid('must be a UUID') });
export class IdParamDto extends createZodDto(idParamSchema) {}
