import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const listTasksQuerySchema = z.strictObject({
  organisationId: z.uuid('must be a UUID').optional(),
  trajectoryId: z.uuid('must be a UUID').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export class ListTasksQueryDto extends createZodDto(listTasksQuerySchema) {}

export const taskSchema = z.object({
  id: z.uuid(),
  trajectoryId: z.uuid(),
  kind: z.string(),
  occurrence: z.number().int(),
  organisationId: z.uuid(),
  role: z.string(),
  fireAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  status: z.enum(['open', 'claimed', 'done', 'cancelled']),
  late: z.boolean(),
});

export class TaskListDto extends createZodDto(z.object({ items: z.array(taskSchema) }), { codec: true }) {}
