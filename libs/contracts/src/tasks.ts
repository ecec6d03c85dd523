import { z } from 'zod';
import { DEFAULT_TIME_ZONE, TASK_KINDS, TASK_STATUSES } from '@doorloop/domain';
import { pageQuery, pageSchema } from './cursor';
import { csvOf, uuid } from './scalars';

export * from './task-outcome';

const localDate = z.iso.date('must be a calendar date written YYYY-MM-DD');

/** GET /tasks */
export const listTasksQuerySchema = z.strictObject({
  status: csvOf(TASK_STATUSES, 'open,claimed')
    .optional()
    .describe('Statuses to list (default open,claimed: what is still to do).'),
  kind: csvOf(TASK_KINDS, 'placement-evaluation,handover').optional(),
  dueFrom: localDate.optional().describe(`Due on or after this date (${DEFAULT_TIME_ZONE}).`),
  dueTo: localDate.optional().describe(`Due on or before this date (${DEFAULT_TIME_ZONE}).`),
  organisationId: uuid.optional().describe('Coordinators: one organisation of the region.'),
  trajectoryId: uuid.optional(),
  ...pageQuery(),
});
export type ListTasksQuery = z.input<typeof listTasksQuerySchema>;

const contextSchema = z.object({
  evaluationKey: z.string(),
  missingOrganisationIds: z.array(z.uuid()).describe('Organisations whose input was not in when this task fired.'),
});

/** A task as the api answers it. */
export const taskSchema = z.object({
  id: z.uuid(),
  trajectoryId: z.uuid().nullable().describe('The trajectory it belongs to; null for a signal-triage task.'),
  signalId: z.uuid().nullable().describe('For a signal-triage task: the signal to triage (POST /signals/{id}/triage).'),
  pseudonym: z.string().nullable().describe("The trajectory's pseudonym; null for a signal-triage task."),
  age: z.number().int().nullable().describe('Her age today, in whole years; null for a signal-triage task.'),
  kind: z.enum(TASK_KINDS),
  occurrence: z.number().int(),
  occurrenceKey: z.string().describe('The occurrence of its series, e.g. placement-evaluation:P-1:3.'),
  organisationId: z.uuid(),
  role: z.string(),
  assigneeUserId: z.uuid().nullable().describe('Who claimed or completed it.'),
  fireAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  dueDate: z.iso.date().describe(`The due date in ${DEFAULT_TIME_ZONE}.`),
  status: z.enum(TASK_STATUSES),
  late: z.boolean().describe('Fired after its scheduled moment (the milestone had passed when it was planned).'),
  overdue: z.boolean().describe('Still to do and past its due moment.'),
  claimedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  handoverId: z.uuid().nullable().describe('For a handover task: the handover to acknowledge.'),
  context: contextSchema.nullable().describe('For a consolidation: the evaluation and the inputs that were missing.'),
  outcome: z.record(z.string(), z.unknown()).nullable().describe('The outcome it was completed with.'),
});
export type Task = z.output<typeof taskSchema>;

export const taskPageSchema = pageSchema(taskSchema);
export type TaskPage = z.output<typeof taskPageSchema>;

/**
 * POST /tasks/{id}/completion. The outcome's shape depends on the task's kind; the api checks it against that kind's
 * schema in OUTCOME_SCHEMAS (task-outcome.ts).
 */
export const completionSchema = z.strictObject({
  outcome: z.record(z.string(), z.unknown()).describe('The structured outcome of this kind of task.'),
});
export type Completion = z.input<typeof completionSchema>;

export const taskIdParamSchema = z.strictObject({ id: uuid });
