import { z } from 'zod';
import { transfersSchema } from './placements';
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
  daysOverdue: z
    .number()
    .int()
    .describe(`Calendar days since the due date (${DEFAULT_TIME_ZONE}); negative for a rejection before its due date.`),
  status: z
    .enum(['overdue', 'rejected'])
    .describe(
      'overdue: still open 7 days after its due date; rejected: the receiver said no, and no handover of this trajectory has been accepted since.',
    ),
  reason: z.string().nullable().describe("For a rejected handover: the receiver's reason."),
  rejectedAt: z.iso.datetime().nullable().describe('For a rejected handover: when it was rejected.'),
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

const share = z.number().min(0).max(1).nullable();

/** Continuity at 18 for one municipality: the last 12 months up to today. */
export const continuityAt18Schema = z
  .object({
    birthdays18Last12Months: z.number().int().describe('Trajectories whose 18th birthday fell in the last 12 months.'),
    decidedInTime: z
      .number()
      .int()
      .describe('Of those, with a continuation decision recorded at least 3 months before the 18th birthday.'),
    decidedInTimeShare: share.describe('decidedInTime / birthdays18Last12Months; null when there were none.'),
    handoversDueLast12Months: z.number().int().describe('Handovers due in the last 12 months.'),
    handoversAcceptedOnTime: z.number().int().describe('Of those, accepted on or before their due moment.'),
    acceptedOnTimeShare: share.describe('handoversAcceptedOnTime / handoversDueLast12Months; null when none were due.'),
    rejectedHandovers: z
      .number()
      .int()
      .describe('Rejected handovers still on the list: no handover of their trajectory accepted since.'),
    rejectedLast12Months: z.number().int().describe('Handovers rejected in the last 12 months.'),
  })
  .describe('Continuity at 18: decisions in time, handovers accepted on time, rejected handovers.');

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
      transfersLast12Months: z
        .number()
        .int()
        .describe(
          'The quality signal: changes of placement in the last 12 months for breakdown, safety or absconding, and changes recorded without a reason.',
        ),
      transfersByReasonLast12Months: transfersSchema.shape.byReason.describe(
        'Every change of placement that started in the last 12 months, by reason (unspecified: recorded without one).',
      ),
      missingEpisodes: z
        .object({
          open: z.number().int().describe('Missing episodes without her return, in open trajectories.'),
          last12Months: z.number().int().describe('Missing episodes that began in the last 12 months.'),
        })
        .describe('Missing episodes (vermissingen).'),
      stillInCare6MonthsAfter18: z
        .object({
          eligible: z.number().int().describe('Trajectories of young people at least 18 and a half.'),
          inCare: z.number().int().describe('Of those, not closed before 18 and a half.'),
          share: z.number().min(0).max(1).nullable().describe('inCare / eligible; null when none are eligible.'),
        })
        .describe('Care continuity across the 18th birthday.'),
      continuityAt18: continuityAt18Schema,
      organisations: z.array(z.object({ id: z.uuid(), name: z.string(), ...counts })),
    }),
  ),
});
export type Dashboard = z.output<typeof dashboardSchema>;
