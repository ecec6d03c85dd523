import { Injectable } from '@nestjs/common';
import { daysBetween, DEFAULT_TIME_ZONE, localDateOf, rejectedOnDirectorList } from '@doorloop/domain';
import { OversightRepository } from '@doorloop/persistence';
import { trajectoryScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';

/** What municipal directors watch: late handovers and aggregates for their municipalities, as pseudonyms and numbers. */
@Injectable()
export class OversightService {
  constructor(private readonly oversight: OversightRepository) {}

  /**
   * Handovers and transition reviews still open 7 days after their due date, with how many days late, today; and, from
   * the moment of rejection, every rejected handover until a handover of its trajectory is accepted (with its reason).
   */
  async overdueHandovers(principal: Principal, now: number = Date.now()) {
    const today = localDateOf(now, DEFAULT_TIME_ZONE);
    const scope = trajectoryScope(principal);
    const [overdue, answered] = await Promise.all([
      this.oversight.overdueHandovers(scope, new Date(now)),
      this.oversight.answeredHandovers(scope),
    ]);
    const dated = (dueAt: Date) => {
      const dueDate = localDateOf(dueAt.getTime(), DEFAULT_TIME_ZONE);
      return { dueAt: dueAt.toISOString(), dueDate, daysOverdue: daysBetween(dueDate, today) };
    };
    const open = overdue.map(({ dueAt, ...row }) => ({
      ...row,
      ...dated(dueAt),
      status: 'overdue' as const,
      reason: null,
      rejectedAt: null,
    }));
    const rejected = rejectedOnDirectorList(
      answered.map((row) => ({ ...row, acknowledgedAt: row.acknowledgedAt.getTime(), row })),
    ).map(({ row }) => ({
      taskId: row.taskId,
      handoverId: row.handoverId,
      trajectoryId: row.trajectoryId,
      pseudonym: row.pseudonym,
      kind: 'handover' as const,
      municipalityCode: row.municipalityCode,
      sendingOrganisation: row.sendingOrganisation,
      receivingOrganisation: row.receivingOrganisation,
      ...dated(row.dueAt),
      status: 'rejected' as const,
      reason: row.reason,
      rejectedAt: row.acknowledgedAt.toISOString(),
    }));
    return [...rejected, ...open];
  }

  /** Figures per municipality; the share still in care is undefined (null) where nobody was eligible. */
  async dashboard(principal: Principal, now: Date = new Date()) {
    const municipalities = await this.oversight.dashboard(trajectoryScope(principal), now);
    const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
    return {
      generatedAt: now.toISOString(),
      municipalities: municipalities.map((m) => ({
        ...m,
        continuityAt18: {
          ...m.continuityAt18,
          decidedInTimeShare: ratio(m.continuityAt18.decidedInTime, m.continuityAt18.birthdays18Last12Months),
          acceptedOnTimeShare: ratio(
            m.continuityAt18.handoversAcceptedOnTime,
            m.continuityAt18.handoversDueLast12Months,
          ),
        },
        stillInCare6MonthsAfter18: {
          ...m.stillInCare6MonthsAfter18,
          share:
            m.stillInCare6MonthsAfter18.eligible === 0
              ? null
              : m.stillInCare6MonthsAfter18.inCare / m.stillInCare6MonthsAfter18.eligible,
        },
      })),
    };
  }
}
