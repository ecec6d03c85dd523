import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const organisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.string().describe('Chain role: a partner role, coordinator or municipality.'),
  municipalityCode: z.string().nullable(),
});

export class OrganisationListDto extends createZodDto(z.object({ items: z.array(organisationSchema) }), {
  codec: true,
}) {}

export class MunicipalityListDto extends createZodDto(
  z.object({ items: z.array(z.object({ code: z.string().describe('CBS code, e.g. GM0599'), name: z.string() })) }),
  { codec: true },
) {}
