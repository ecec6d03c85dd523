import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import {
  AcknowledgementDto,
  CompletionDto,
  HandoverDto,
  ListTasksQueryDto,
  TaskDto,
  TaskIdParamDto,
  TaskListDto,
} from './task.dto';
import { presentHandover, presentTask } from './task.presenter';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly service: TasksService) {}

  @Get()
  @ZodResponse({ type: TaskListDto, description: 'Tasks in due order.' })
  async list(@Query() query: ListTasksQueryDto) {
    return { items: (await this.service.list(query)).map(presentTask) };
  }

  @Get(':id')
  @ZodResponse({ type: TaskDto, description: 'The task.' })
  async get(@Param() { id }: TaskIdParamDto) {
    return presentTask(await this.service.get(id));
  }

  @Post(':id/completion')
  @HttpCode(200)
  @ZodResponse({ type: TaskDto, description: 'Completed (also when this same completion was sent before).' })
  async complete(@Param() { id }: TaskIdParamDto, @Body() body: CompletionDto) {
    return presentTask(await this.service.complete(id, body.outcome));
  }
}

@ApiTags('handovers')
@Controller('handovers')
export class HandoversController {
  constructor(private readonly service: TasksService) {}

  @Get(':id')
  @ZodResponse({ type: HandoverDto, description: 'The handover.' })
  async get(@Param() { id }: TaskIdParamDto) {
    return presentHandover(await this.service.getHandover(id));
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @ZodResponse({ type: HandoverDto, description: 'Accepted or rejected (also when this same answer was sent before).' })
  async acknowledge(@Param() { id }: TaskIdParamDto, @Body() body: AcknowledgementDto) {
    return presentHandover(await this.service.acknowledge(id, body.accepted, body.reason ?? null));
  }
}
