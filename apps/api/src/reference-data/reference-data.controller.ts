import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { ReferenceDataRepository } from '@doorloop/persistence';
import { MunicipalityListDto, OrganisationListDto } from './reference-data.dto';

@ApiTags('reference data')
@Controller()
export class ReferenceDataController {
  constructor(private readonly referenceData: ReferenceDataRepository) {}

  @Get('organisations')
  @ZodResponse({ type: OrganisationListDto, description: 'The chain partners of the region.' })
  async organisations() {
    const rows = await this.referenceData.listOrganisations();
    return { items: rows.map(({ id, name, role, municipalityCode }) => ({ id, name, role, municipalityCode })) };
  }

  @Get('municipalities')
  @ZodResponse({ type: MunicipalityListDto, description: 'Municipalities by CBS code.' })
  async municipalities() {
    const rows = await this.referenceData.listMunicipalities();
    return { items: rows.map(({ code, name }) => ({ code, name })) };
  }
}
