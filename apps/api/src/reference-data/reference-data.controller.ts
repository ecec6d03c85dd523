import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { USER_ROLES } from '@doorloop/contracts';
import { Allow } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { MunicipalityListDto, OrganisationListDto } from './reference-data.dto';
import { ReferenceDataService } from './reference-data.service';

@ApiTags('reference data')
@Allow(...USER_ROLES)
@Controller()
export class ReferenceDataController {
  constructor(private readonly service: ReferenceDataService) {}

  @Get('organisations')
  @ZodResponse({ type: OrganisationListDto, description: 'The chain partners of the region.' })
  async organisations(@CurrentPrincipal() principal: Principal) {
    return { items: await this.service.organisations(principal) };
  }

  @Get('municipalities')
  @ZodResponse({ type: MunicipalityListDto, description: 'The municipalities of the region, by CBS code.' })
  async municipalities(@CurrentPrincipal() principal: Principal) {
    return { items: await this.service.municipalities(principal) };
  }
}
