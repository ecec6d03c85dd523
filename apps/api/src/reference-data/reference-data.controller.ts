import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { USER_ROLES } from '@doorloop/contracts';
import { ReferenceDataRepository } from '@doorloop/persistence';
import { Allow } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { MunicipalityListDto, OrganisationListDto } from './reference-data.dto';

@ApiTags('reference data')
@Allow(...USER_ROLES)
@Controller()
export class ReferenceDataController {
  constructor(private readonly referenceData: ReferenceDataRepository) {}

  @Get('organisations')
  @ZodResponse({ type: OrganisationListDto, description: 'The chain partners of the region.' })
  async organisations(@CurrentPrincipal() principal: Principal) {
    const rows = await this.referenceData.listOrganisations(principal.regionId);
    return { items: rows.map(({ id, name, role, municipalityCode }) => ({ id, name, role, municipalityCode })) };
  }

  @Get('municipalities')
  @ZodResponse({ type: MunicipalityListDto, description: 'The municipalities of the region, by CBS code.' })
  async municipalities(@CurrentPrincipal() principal: Principal) {
    const rows = await this.referenceData.listMunicipalities(principal.regionId);
    return { items: rows.map(({ code, name }) => ({ code, name })) };
  }
}
