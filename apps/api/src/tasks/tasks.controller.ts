import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { TaskRepository } from '@doorloop/persistence';
import { ListTasksQueryDto, TaskListDto } from './task.dto';

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TaskRepository) {}

  @Get()
  @ZodResponse({ type: TaskListDto, description: 'Tasks in due order.' })
  async list(@Query() query: ListTasksQueryDto) {
    const rows = await this.tasks.list(query);
    return {
      items: rows.map((t) => ({
        id: t.id,
        trajectoryId: t.trajectoryId,
        kind: t.kind,
        occurrence: t.occurrence,
        organisationId: t.organisationId,
        role: t.role,
        fireAt: t.fireAt.toISOString(),
        dueAt: t.dueAt.toISOString(),
        status: t.status,
        late: t.late,
      })),
    };
  }
}
