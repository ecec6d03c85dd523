import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import {
  BirthDateCorrectionDto,
  ClosureDto,
  CourtMeasureDto,
  CourtMeasureParamDto,
  CreateTrajectoryDto,
  IdParamDto,
  MilestoneListDto,
  MunicipalityChangeDto,
  PartnerDto,
  PartnerParamDto,
  PartnerRoleQueryDto,
  PlacementChangeDto,
  TrajectoryDto,
} from './trajectory.dto';
import { presentTrajectory } from './trajectory.presenter';
import { TrajectoriesService } from './trajectories.service';

const changed = {
  type: TrajectoryDto,
  description: 'The change is accepted and the schedule recomputed; the trajectory as it is now.',
};

/** One trajectory per young person; every change goes through its workflow, which recomputes the schedule. */
@ApiTags('trajectories')
@ApiBadRequestResponse({ description: 'Invalid input; the problem lists every bad field and nothing changed.' })
@ApiNotFoundResponse({ description: 'No such trajectory (or not visible to you).' })
@ApiConflictResponse({ description: 'The change conflicts with the trajectory as it is (e.g. it has ended).' })
@Controller('trajectories')
export class TrajectoriesController {
  constructor(private readonly service: TrajectoriesService) {}

  @Post()
  @HttpCode(201)
  @ZodResponse({ status: 201, type: TrajectoryDto, description: 'Stored; its workflow is running. Location names it.' })
  async create(@Body() body: CreateTrajectoryDto, @Res({ passthrough: true }) response: Response) {
    const trajectory = await this.service.create(body);
    response.location(`/api/v1/trajectories/${trajectory.id}`);
    return presentTrajectory(trajectory);
  }

  @Get(':id')
  @ZodResponse({ type: TrajectoryDto, description: 'The trajectory.' })
  async get(@Param() { id }: IdParamDto) {
    return presentTrajectory(await this.service.get(id));
  }

  @Get(':id/milestones')
  @ZodResponse({ type: MilestoneListDto, description: 'Past and upcoming milestones, in fire order.' })
  async milestones(@Param() { id }: IdParamDto) {
    return { items: await this.service.milestones(id) };
  }

  @Post(':id/placements')
  @HttpCode(200)
  @ZodResponse(changed)
  async changePlacement(@Param() { id }: IdParamDto, @Body() body: PlacementChangeDto) {
    return presentTrajectory(await this.service.changePlacement(id, body));
  }

  @Post(':id/court-measures')
  @HttpCode(200)
  @ZodResponse(changed)
  async addCourtMeasure(@Param() { id }: IdParamDto, @Body() body: CourtMeasureDto) {
    return presentTrajectory(await this.service.addCourtMeasure(id, body));
  }

  @Put(':id/court-measures/:courtMeasureId')
  @ZodResponse(changed)
  async replaceCourtMeasure(@Param() { id, courtMeasureId }: CourtMeasureParamDto, @Body() body: CourtMeasureDto) {
    return presentTrajectory(await this.service.replaceCourtMeasure(id, courtMeasureId, body));
  }

  @Post(':id/birth-date-corrections')
  @HttpCode(200)
  @ZodResponse(changed)
  async correctBirthDate(@Param() { id }: IdParamDto, @Body() body: BirthDateCorrectionDto) {
    return presentTrajectory(await this.service.correctBirthDate(id, body.birthDate));
  }

  @Post(':id/partners')
  @HttpCode(200)
  @ZodResponse(changed)
  async addPartner(@Param() { id }: IdParamDto, @Body() body: PartnerDto) {
    return presentTrajectory(await this.service.addPartner(id, body));
  }

  @Delete(':id/partners/:organisationId')
  @ZodResponse(changed)
  async removePartner(@Param() { id, organisationId }: PartnerParamDto, @Query() { role }: PartnerRoleQueryDto) {
    return presentTrajectory(await this.service.removePartner(id, { organisationId, role }));
  }

  @Post(':id/municipality-changes')
  @HttpCode(200)
  @ZodResponse(changed)
  async changeMunicipality(@Param() { id }: IdParamDto, @Body() body: MunicipalityChangeDto) {
    return presentTrajectory(await this.service.changeMunicipality(id, body));
  }

  @Post(':id/pauses')
  @HttpCode(200)
  @ZodResponse(changed)
  async pause(@Param() { id }: IdParamDto) {
    return presentTrajectory(await this.service.pause(id));
  }

  @Post(':id/resumptions')
  @HttpCode(200)
  @ZodResponse(changed)
  async resume(@Param() { id }: IdParamDto) {
    return presentTrajectory(await this.service.resume(id));
  }

  @Post(':id/closure')
  @HttpCode(200)
  @ZodResponse(changed)
  async close(@Param() { id }: IdParamDto, @Body() body: ClosureDto) {
    return presentTrajectory(await this.service.close(id, body));
  }
}
