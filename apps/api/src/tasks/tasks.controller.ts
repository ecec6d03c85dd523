import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { Audit } from '../audit/audit.decorator';
import { Allow } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
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
@Allow('partner', 'coordinator')
@Controller('tasks')
export class TasksController {
  constructor(private readonly service: TasksService) {}

  @Get()
  @Audit({ action: 'search', object: 'task' })
  @ZodResponse({
    type: TaskListDto,
    description: "The inbox: my organisation's tasks (a coordinator's: the region's), in due order.",
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListTasksQueryDto) {
    const now = Date.now();
    const page = await this.service.list(principal, query);
    return { items: page.items.map((view) => presentTask(view, now)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Audit({ action: 'read', object: 'task' })
  @ZodResponse({ type: TaskDto, description: 'The task.' })
  async get(@CurrentPrincipal() principal: Principal, @Param() { id }: TaskIdParamDto) {
    return presentTask(await this.service.get(principal, id), Date.now());
  }

  @Post(':id/claim')
  @Audit({ action: 'change', object: 'task' })
  @HttpCode(200)
  @ZodResponse({ type: TaskDto, description: 'Claimed by me (also when I had claimed it before).' })
  async claim(@CurrentPrincipal() principal: Principal, @Param() { id }: TaskIdParamDto) {
    return presentTask(await this.service.claim(principal, id), Date.now());
  }

  @Post(':id/completion')
  @Audit({ action: 'change', object: 'task' })
  @HttpCode(200)
  @ZodResponse({ type: TaskDto, description: 'Completed (also when this same completion was sent before).' })
  async complete(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: TaskIdParamDto,
    @Body() body: CompletionDto,
  ) {
    return presentTask(await this.service.complete(principal, id, body.outcome), Date.now());
  }
}

@ApiTags('handovers')
@Allow('partner', 'coordinator')
@Controller('handovers')
export class HandoversController {
  constructor(private readonly service: TasksService) {}

  @Get(':id')
  @Audit({ action: 'read', object: 'handover' })
  @ZodResponse({ type: HandoverDto, description: 'The handover.' })
  async get(@CurrentPrincipal() principal: Principal, @Param() { id }: TaskIdParamDto) {
    return presentHandover(await this.service.getHandover(principal, id));
  }

  @Post(':id/acknowledgement')
  @Audit({ action: 'change', object: 'handover' })
  @HttpCode(200)
  @ZodResponse({ type: HandoverDto, description: 'Accepted or rejected (also when this same answer was sent before).' })
  async acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: TaskIdParamDto,
    @Body() body: AcknowledgementDto,
  ) {
    return presentHandover(await this.service.acknowledge(principal, id, body.accepted, body.reason ?? null));
  }
}
