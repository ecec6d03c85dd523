import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { TASK_KINDS } from '@doorloop/domain';

const organisationRef = z.object({ id: z.uuid(), name: z.string() });

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
  daysOverdue: z.number().int().describe('Calendar days since the due date (Europe/Amsterdam).'),
});
export class OverdueHandoverListDto extends createZodDto(z.object({ items: z.array(overdueHandoverSchema) }), {
  codec: true,
}) {}

const counts = {
  open: z.number().int().describe('Tasks still to do.'),
  overdue: z.number().int().describe('Tasks still to do past their due moment.'),
  handoversPending: z.number().int().describe('Handovers waiting for the receiver to answer.'),
  handoversOverdue: z.number().int().describe('Of those, past their due moment.'),
};

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
export class DashboardDto extends createZodDto(dashboardSchema, { codec: true }) {}
