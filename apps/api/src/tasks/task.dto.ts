import { createZodDto } from 'nestjs-zod';
import {
  acknowledgementSchema,
  completionSchema,
  handoverSchema,
  listTasksQuerySchema,
  taskIdParamSchema,
  taskPageSchema,
  taskSchema,
} from '@doorloop/contracts';

export class ListTasksQueryDto extends createZodDto(listTasksQuerySchema) {}
export class TaskDto extends createZodDto(taskSchema, { codec: true }) {}
export class TaskListDto extends createZodDto(taskPageSchema, { codec: true }) {}
export class CompletionDto extends createZodDto(completionSchema) {}
export class TaskIdParamDto extends createZodDto(taskIdParamSchema) {}
export class HandoverDto extends createZodDto(handoverSchema, { codec: true }) {}
export class AcknowledgementDto extends createZodDto(acknowledgementSchema) {}
