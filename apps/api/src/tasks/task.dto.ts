import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { TASK_KINDS } from '@doorloop/domain';
import { TASK_STATUSES } from '@doorloop/persistence';

/** A comma-separated list of values from `values`, e.g. `status=open,claimed`. */
const csvOf = <T extends readonly [string, ...string[]]>(values: T, example: string) =>
  z
    .string()
    .transform((text) => text.split(',').map((part) => part.trim()))
    .pipe(z.array(z.enum(values, `must be one or more of ${values.join(', ')}, separated by commas`)).min(1))
    .describe(`Comma-separated, e.g. ${example}.`);

const localDate = z.iso.date('must be a calendar date written YYYY-MM-DD');

export const listTasksQuerySchema = z.strictObject({
  status: csvOf(TASK_STATUSES, 'open,claimed')
    .optional()
    .describe('Statuses to list (default open,claimed: what is still to do).'),
  kind: csvOf(TASK_KINDS, 'placement-evaluation,handover').optional(),
  dueFrom: localDate.optional().describe('Due on or after this date (Europe/Amsterdam).'),
  dueTo: localDate.optional().describe('Due on or before this date (Europe/Amsterdam).'),
  organisationId: z.uuid('must be a UUID').optional().describe('Coordinators: one organisation of the region.'),
  trajectoryId: z.uuid('must be a UUID').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page.'),
});
export class ListTasksQueryDto extends createZodDto(listTasksQuerySchema) {}

const contextSchema = z.object({
  evaluationKey: z.string(),
  missingOrganisationIds: z.array(z.uuid()).describe('Organisations whose input was not in when this task fired.'),
});

export const taskSchema = z.object({
  id: z.uuid(),
  trajectoryId: z.uuid(),
  pseudonym: z.string(),
  age: z.number().int().describe('Her age today, in whole years.'),
  kind: z.enum(TASK_KINDS),
  occurrence: z.number().int(),
  occurrenceKey: z.string().describe('The occurrence of its series, e.g. placement-evaluation:P-1:3.'),
  organisationId: z.uuid(),
  role: z.string(),
  assigneeUserId: z.uuid().nullable().describe('Who claimed or completed it.'),
  fireAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  dueDate: z.iso.date().describe('The due date in Europe/Amsterdam.'),
  status: z.enum(TASK_STATUSES),
  late: z.boolean().describe('Fired after its scheduled moment (the milestone had passed when it was planned).'),
  overdue: z.boolean().describe('Still to do and past its due moment.'),
  claimedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  handoverId: z.uuid().nullable().describe('For a handover task: the handover to acknowledge.'),
  context: contextSchema.nullable().describe('For a consolidation: the evaluation and the inputs that were missing.'),
  outcome: z.record(z.string(), z.unknown()).nullable().describe('The outcome it was completed with.'),
});
export class TaskDto extends createZodDto(taskSchema, { codec: true }) {}
export class TaskListDto extends createZodDto(
  z.object({
    items: z.array(taskSchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
  }),
  { codec: true },
) {}

/** The outcome's shape depends on the task's kind; it is checked against that kind's schema (see libs/contracts/src/task-outcome.ts). */
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
