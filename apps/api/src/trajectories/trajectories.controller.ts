import { Body, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { Audit } from '../audit/audit.decorator';
import { addAuditDetails } from '../audit/audit-trail';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import {
  BirthDateCorrectionDto,
  ClosureDto,
  CourtMeasureDto,
  CourtMeasureParamDto,
  CreateTrajectoryDto,
  HandoverRequestDto,
  LegalBasesChangeDto,
  ReopenedTrajectoryDto,
  ReopeningDto,
  IdParamDto,
  ListTrajectoriesQueryDto,
  MilestoneListDto,
  MunicipalityChangeDto,
  PartnerDto,
  PartnerParamDto,
  PartnerRoleQueryDto,
  PauseDto,
  PlacementChangeDto,
  TrajectoryDto,
  TrajectoryListDto,
} from './trajectory.dto';
import { presentTrajectory } from './trajectory.presenter';
import { CHANGED, TrajectoryRoutes } from './trajectory-routes';
import { type LawfulChange, TrajectoriesService } from './trajectories.service';
import type { TrajectoryEntity } from '@doorloop/persistence';

const changed = CHANGED;

/** One trajectory per young person; every change goes through its workflow, which recomputes the schedule. */
@TrajectoryRoutes()
export class TrajectoriesController {
  constructor(private readonly service: TrajectoriesService) {}

  @Get()
  @Audit({ action: 'search', object: 'trajectory' })
  @ZodResponse({ type: TrajectoryListDto, description: 'Trajectories of my region, newest first.' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListTrajectoriesQueryDto) {
    const page = await this.service.list(principal, query);
    return { items: page.items.map((t) => presentTrajectory(t)), nextCursor: page.nextCursor };
  }

  @Post()
  @Audit({ action: 'create', object: 'trajectory' })
  @HttpCode(201)
  @ZodResponse({ status: 201, type: TrajectoryDto, description: 'Stored; its workflow is running. Location names it.' })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateTrajectoryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const trajectory = await this.service.create(principal, body);
    response.location(`/api/v1/trajectories/${trajectory.id}`);
    return this.present(trajectory);
  }

  @Get(':id')
  @Audit({ action: 'read', object: 'trajectory' })
  @ZodResponse({ type: TrajectoryDto, description: 'The trajectory.' })
  async get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto) {
    return this.present(await this.service.get(principal, id));
  }

  @Get(':id/milestones')
  @Audit({ action: 'read', object: 'milestone' })
  @ZodResponse({ type: MilestoneListDto, description: 'Past and upcoming milestones, in fire order.' })
  async milestones(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto) {
    return { items: await this.service.milestones(principal, id) };
  }

  @Post(':id/placements')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse(changed)
  async changePlacement(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParamDto,
    @Body() body: PlacementChangeDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.presentLawful(await this.service.changePlacement(principal, id, body), response);
  }

  @Post(':id/court-measures')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse(changed)
  async addCourtMeasure(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParamDto,
    @Body() body: CourtMeasureDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.presentLawful(await this.service.addCourtMeasure(principal, id, body), response);
  }

  @Put(':id/court-measures/:courtMeasureId')
  @Audit({ action: 'change', object: 'trajectory' })
  @ZodResponse(changed)
  async replaceCourtMeasure(
    @CurrentPrincipal() principal: Principal,
    @Param() { id, courtMeasureId }: CourtMeasureParamDto,
    @Body() body: CourtMeasureDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.presentLawful(await this.service.replaceCourtMeasure(principal, id, courtMeasureId, body), response);
  }

  @Post(':id/birth-date-corrections')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse(changed)
  async correctBirthDate(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParamDto,
    @Body() body: BirthDateCorrectionDto,
  ) {
    return this.present(await this.service.correctBirthDate(principal, id, body.birthDate));
  }

  @Post(':id/partners')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse(changed)
  async addPartner(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto, @Body() body: PartnerDto) {
    return this.present(await this.service.addPartner(principal, id, body));
  }

  @Delete(':id/partners/:organisationId')
  @Audit({ action: 'change', object: 'trajectory' })
  @ZodResponse(changed)
  async removePartner(
    @CurrentPrincipal() principal: Principal,
    @Param() { id, organisationId }: PartnerParamDto,
    @Query() { role }: PartnerRoleQueryDto,
  ) {
    return this.present(await this.service.removePartner(principal, id, { organisationId, role }));
  }

  @Post(':id/municipality-changes')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse(changed)
  async changeMunicipality(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParamDto,
    @Body() body: MunicipalityChangeDto,
  ) {
    return this.present(await this.service.changeMunicipality(principal, id, body));
  }

  @Post(':id/pauses')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse(changed)
  async pause(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto, @Body() body: PauseDto) {
    return this.present(await this.service.pause(principal, id, body));
  }

  @Post(':id/resumptions')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse(changed)
  async resume(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto) {
    return this.present(await this.service.resume(principal, id));
  }

  @Post(':id/legal-bases')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse(changed)
  async setLegalBases(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParamDto,
    @Body() body: LegalBasesChangeDto,
  ) {
    return this.present(await this.service.setLegalBases(principal, id, body));
  }

  @Post(':id/handovers')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse({
    type: TrajectoryDto,
    description: 'A new handover occurrence fires to the chosen receiver; the trajectory as it is now.',
  })
  async requestHandover(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParamDto,
    @Body() body: HandoverRequestDto,
  ) {
    return this.present(await this.service.requestHandover(principal, id, body));
  }

  @Post(':id/reopenings')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse({
    type: ReopenedTrajectoryDto,
    description: 'The trajectory is active again; with the legal bases help may have from the reopening date.',
  })
  async reopen(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto, @Body() body: ReopeningDto) {
    const { trajectory, allowedBases } = await this.service.reopen(principal, id, body);
    return { ...(await this.present(trajectory)), allowedBases };
  }

  @Post(':id/closure')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse(changed)
  async close(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto, @Body() body: ClosureDto) {
    return this.present(await this.service.close(principal, id, body));
  }

  /** A single trajectory: with what the database keeps beside its facts (legal overrides, notes). */
  private present(trajectory: TrajectoryEntity) {
    return this.service.view(trajectory);
  }

  /** A change accepted against a legal rule is audited as an override. */
  private async presentLawful({ trajectory, overridden }: LawfulChange, response: Response) {
    if (overridden) addAuditDetails(response, { action: 'override' });
    return this.present(trajectory);
  }
}
