import { z } from 'zod';
import { MILESTONE_KINDS, MILESTONE_STATUSES } from '@doorloop/domain';
import { isoDate } from './scalars';

/** One occurrence of a milestone on a trajectory's agenda (GET /trajectories/{id}/milestones). */
export const milestoneSchema = z.object({
  kind: z.enum(MILESTONE_KINDS),
  occurrence: z.number().int(),
  fireDate: isoDate,
  dueDate: isoDate,
  status: z.enum(MILESTONE_STATUSES),
  assignees: z.array(z.object({ organisationId: z.string(), role: z.string() })),
});
export type Milestone = z.output<typeof milestoneSchema>;

export const milestoneListSchema = z.object({ items: z.array(milestoneSchema) });
export type MilestoneList = z.output<typeof milestoneListSchema>;
