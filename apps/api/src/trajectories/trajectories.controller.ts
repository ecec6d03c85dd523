import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import type { TrajectoryEntity } from '@doorloop/persistence';
import { CreateTrajectoryDto, IdParamDto, TrajectoryDto } from './trajectory.dto';
import { TrajectoriesService } from './trajectories.service';

@ApiTags('trajectories')
@Controller('trajectories')
export class TrajectoriesController {
  constructor(private readonly service: TrajectoriesService) {}

  @Post()
  @HttpCode(201)
  @ZodResponse({ status: 201, type: TrajectoryDto, description: 'Stored; its workflow is running. Location names it.' })
  @ApiBadRequestResponse({ description: 'Invalid input; the problem lists every bad field and nothing was stored.' })
  async create(@Body() body: CreateTrajectoryDto, @Res({ passthrough: true }) response: Response) {
    const trajectory = await this.service.create(body);
    response.location(`/api/v1/trajectories/${trajectory.id}`);
    return present(trajectory);
  }

  @Get(':id')
  @ZodResponse({ type: TrajectoryDto, description: 'The trajectory.' })
  async get(@Param() { id }: IdParamDto) {
    return present(await this.service.get(id));
  }
}

function present(t: TrajectoryEntity) {
  const { id, pseudonym, birthDate, municipalityCode, status, policyVersion } = t;
  return { id, pseudonym, birthDate, municipalityCode, status, policyVersion, createdAt: t.createdAt.toISOString() };
}
