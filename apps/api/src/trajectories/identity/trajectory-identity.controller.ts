import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { Audit } from '../../audit/audit.decorator';
import { Allow } from '../../auth/access.decorators';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { IdParamDto } from '../trajectory.dto';
import { IdentityReadLimitGuard } from './identity-read-limit.guard';
import { IdentityDto, IdentityInputDto } from './trajectory-identity.dto';
import { TrajectoryIdentityService } from './trajectory-identity.service';

/**
 * The identifying fields of a trajectory, a resource of its own so that reading the case (`GET /trajectories/{id}`)
 * never carries them: only the coordinator who needs them asks for them, and the audit log shows that.
 */
@ApiTags('trajectories')
@ApiBadRequestResponse({
  description: 'Invalid input, or a field the region does not keep; the problem names each field and nothing changed.',
})
@ApiNotFoundResponse({ description: 'No such trajectory (or not visible to you).' })
@Allow('coordinator')
@Controller('trajectories/:id/identity')
export class TrajectoryIdentityController {
  constructor(private readonly service: TrajectoryIdentityService) {}

  @Get()
  @Audit({ action: 'read', object: 'identity' })
  @UseGuards(IdentityReadLimitGuard)
  @ApiTooManyRequestsResponse({
    description:
      'Too many requests from your address, or too many reads of identifying fields by you ' +
      '(RATE_LIMIT_IDENTITY_READS_PER_MINUTE); send again after the seconds in Retry-After.',
  })
  @ZodResponse({ type: IdentityDto, description: 'The identifying fields kept for the trajectory.' })
  async get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto) {
    return this.service.get(principal, id);
  }

  @Put()
  @Audit({ action: 'change', object: 'identity' })
  @ZodResponse({ type: IdentityDto, description: 'Stored encrypted; what is kept now.' })
  async replace(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto, @Body() body: IdentityInputDto) {
    return this.service.replace(principal, id, body);
  }
}
