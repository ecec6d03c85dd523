import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { addAuditDetails } from '../audit/audit-trail';
import { Audit } from '../audit/audit.decorator';
import { Allow } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { IdParamDto } from '../trajectories/trajectory.dto';
import { CreateSignalDto, ListSignalsQueryDto, SignalDto, SignalListDto, TriageDto } from './signal.dto';
import { SignalsService } from './signals.service';

/** Signals before a trajectory: partners record them, the region's coordinator triages them. */
@ApiTags('signals')
@Controller('signals')
export class SignalsController {
  constructor(private readonly service: SignalsService) {}

  @Post()
  @Allow('partner')
  @Audit({ action: 'create', object: 'signal' })
  @ZodResponse({
    status: 201,
    type: SignalDto,
    description: 'Recorded; the subject is kept only as a keyed hash. Triage is due in 5 working days.',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateSignalDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const signal = await this.service.record(principal, body);
    addAuditDetails(response, { objectIds: [signal.id] });
    return signal;
  }

  @Get()
  @Allow('partner', 'coordinator')
  @Audit({ action: 'search', object: 'signal' })
  @ZodResponse({
    type: SignalListDto,
    description: 'Coordinators: the region’s signals; partners: their own. By triage due date.',
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListSignalsQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const page = await this.service.list(principal, query);
    addAuditDetails(response, { objectIds: page.items.map((item) => item.id) });
    return page;
  }

  @Get(':id')
  @Allow('partner', 'coordinator')
  @Audit({ action: 'read', object: 'signal' })
  @ZodResponse({ type: SignalDto, description: 'One signal: a partner its own, a coordinator any of the region.' })
  get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto) {
    return this.service.get(principal, id);
  }

  @Post(':id/triage')
  @HttpCode(200)
  @Allow('coordinator')
  @Audit({ action: 'change', object: 'signal' })
  @ZodResponse({ type: SignalDto, description: 'Triaged (the same triage again is the same answer).' })
  triage(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto, @Body() body: TriageDto) {
    return this.service.triage(principal, id, body);
  }
}
