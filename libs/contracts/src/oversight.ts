import { z } from 'zod';
import { DEFAULT_TIME_ZONE, TASK_KINDS } from '@doorloop/domain';

const organisationRef = z.object({ id: z.uuid(), name: z.string() });

/** A task or handover past its due moment (GET /oversight/overdue-handovers). */
export const overdueHandoverSchema = z.object({
  taskId: z.uuid(),
  handoverId: z.uuid().nullable().describe('For a handover: the handover waiting for its answer.'),
  trajectoryId: z.uuid(),
  pseudonym: z.string(),
  kind: z.enum(TASK_KINDS),
  municipalityCode: z.string(),
  sendingOrganisation: organisationRef.nullable().describe('For a handover: who hands over.'),
  receivingOrganisation: organisationRef.describe('Whose answer or work is overdue.'),
  dueAt: z.iso.datetime(),
  dueDate: z.iso.date(),
  daysOverdue: z.number().int().describe(`Calendar days since the due date (${DEFAULT_TIME_ZONE}).`),
});
export type OverdueHandover = z.output<typeof overdueHandoverSchema>;

export const overdueHandoverListSchema = z.object({ items: z.array(overdueHandoverSchema) });
export type OverdueHandoverList = z.output<typeof overdueHandoverListSchema>;

const counts = {
  open: z.number().int().describe('Tasks still to do.'),
  overdue: z.number().int().describe('Tasks still to do past their due moment.'),
  handoversPending: z.number().int().describe('Handovers waiting for the receiver to answer.'),
  handoversOverdue: z.number().int().describe('Of those, past their due moment.'),
};

/** The director's and coordinator's dashboard (GET /oversight/dashboard). */
export const dashboardSchema = z.object({
  generatedAt: z.iso.datetime(),
  municipalities: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      ...counts,
      birthdays18Next6Months: z
        .number()
        .int()
        .describe('Open trajectories whose 18th birthday falls in the next 6 months.'),
      birthdays18Next12Months: z.number().int(),
      transfersLast12Months: z.number().int().describe('Changes of placement that started in the last 12 months.'),
      stillInCare6MonthsAfter18: z
        .object({
          eligible: z.number().int().describe('Trajectories of young people at least 18 and a half.'),
          inCare: z.number().int().describe('Of those, not closed before 18 and a half.'),
          share: z.number().min(0).max(1).nullable().describe('inCare / eligible; null when none are eligible.'),
        })
        .describe('Care continuity across the 18th birthday.'),
      organisations: z.array(z.object({ id: z.uuid(), name: z.string(), ...counts })),
    }),
  ),
});
export type Dashboard = z.output<typeof dashboardSchema>;
