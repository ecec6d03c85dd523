import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ZodResponse } from 'nestjs-zod';
import { Audit } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { MissingEpisodesService } from './missing-episodes.service';
import { TrajectoriesService } from './trajectories.service';
import {
  IdParamDto,
  MissingEpisodeDto,
  MissingEpisodeParamDto,
  PlacementParamDto,
  TreatmentStartDto,
} from './trajectory.dto';
import { CHANGED, TrajectoryRoutes } from './trajectory-routes';

const changed = CHANGED;

/** Issue 13: the start of treatment in a placement, and missing episodes with her return (coordinator writes). */
@TrajectoryRoutes('No such trajectory, placement or missing episode (or not visible to you).')
export class MissingEpisodesController {
  constructor(
    private readonly service: MissingEpisodesService,
    private readonly trajectories: TrajectoriesService,
  ) {}

  @Post(':id/placements/:placementId/treatment-start')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse({
    ...changed,
    description: 'Treatment is recorded; a closed placement treated in time fires no treatment task.',
  })
  async treatmentStart(
    @CurrentPrincipal() principal: Principal,
    @Param() { id, placementId }: PlacementParamDto,
    @Body() body: TreatmentStartDto,
  ) {
    return this.trajectories.view(await this.service.recordTreatmentStart(principal, id, placementId, body));
  }

  @Post(':id/missing-episodes')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse({
    ...changed,
    description: 'She is recorded missing: tasks fire at once to police and the coordinator (due the same day).',
  })
  async missing(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParamDto,
    @Body() body: MissingEpisodeDto,
  ) {
    return this.trajectories.view(await this.service.recordMissing(principal, id, body));
  }

  @Post(':id/missing-episodes/:episodeId/return')
  @Audit({ action: 'change', object: 'trajectory' })
  @HttpCode(200)
  @ZodResponse({ ...changed, description: 'The episode is closed; a safety-assessment task fires to the coordinator.' })
  async returned(@CurrentPrincipal() principal: Principal, @Param() { id, episodeId }: MissingEpisodeParamDto) {
    return this.trajectories.view(await this.service.recordReturn(principal, id, episodeId));
  }
}
