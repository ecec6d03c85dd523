import { createZodDto } from 'nestjs-zod';
import { municipalityListSchema, organisationListSchema } from '@doorloop/contracts';

export class OrganisationListDto extends createZodDto(organisationListSchema, { codec: true }) {}
export class MunicipalityListDto extends createZodDto(municipalityListSchema, { codec: true }) {}
