import { z } from 'zod';

/** An organisation of the signed-in user's region (GET /organisations). */
export const organisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.string().describe('Chain role: a partner role, coordinator or municipality.'),
  municipalityCode: z.string().nullable(),
});
export type Organisation = z.output<typeof organisationSchema>;

export const organisationListSchema = z.object({ items: z.array(organisationSchema) });
export type OrganisationList = z.output<typeof organisationListSchema>;

/** A municipality of the region (GET /municipalities). */
export const municipalitySchema = z.object({ code: z.string().describe('CBS code, e.g. GM0599'), name: z.string() });
export type Municipality = z.output<typeof municipalitySchema>;

export const municipalityListSchema = z.object({ items: z.array(municipalitySchema) });
export type MunicipalityList = z.output<typeof municipalityListSchema>;
