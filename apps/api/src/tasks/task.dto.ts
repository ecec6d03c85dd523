import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MILESTONE_KINDS } from '@doorloop/domain';

export const listTasksQuerySchema = z.strictObject({
  organisationId: z.uuid('must be a UUID').optional(),
  trajectoryId: z.uuid('must be a UUID').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export class ListTasksQueryDto extends createZodDto(listTasksQuerySchema) {}

export const taskSchema = z.object({
  id: z.uuid(),
  trajectoryId: z.uuid(),
  kind: z.enum(MILESTONE_KINDS),
  occurrence: z.number().int(),
  organisationId: z.uuid(),
  role: z.string(),
  fireAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  status: z.enum(['open', 'claimed', 'done', 'cancelled']),
  late: z.boolean(),
  completedAt: z.iso.datetime().nullable(),
});
export class TaskDto extends createZodDto(taskSchema, { codec: true }) {}
export class TaskListDto extends createZodDto(z.object({ items: z.array(taskSchema) }), { codec: true }) {}

/** The outcome's shape depends on the task's kind; it is checked against that kind's schema (see task-outcome.ts). */
export class CompletionDto extends createZodDto(
  z.strictObject({
    outcome: z.record(z.string(), z.unknown()).describe('The structured outcome of this kind of task.'),
  }),
) {}

export class TaskIdParamDto extends createZodDto(z.strictObject({ id: z.uuid('must be a UUID') })) {}

export const handoverSchema = z.object({
  id: z.uuid(),
  trajectoryId: z.uuid(),
  sendingOrganisationId: z.uuid(),
  receivingOrganisationId: z.uuid(),
  status: z.enum(['pending', 'accepted', 'rejected']),
  reason: z.string().nullable(),
  dueAt: z.iso.datetime(),
  acknowledgedAt: z.iso.datetime().nullable(),
});
export class HandoverDto extends createZodDto(handoverSchema, { codec: true }) {}

export class AcknowledgementDto extends createZodDto(
  z
    .strictObject({ accepted: z.boolean(), reason: z.string().trim().min(1).max(2000).optional() })
    .refine((a) => a.accepted || a.reason !== undefined, { message: 'a rejection needs a reason', path: ['reason'] }),
) {}
