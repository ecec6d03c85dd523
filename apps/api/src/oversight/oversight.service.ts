import { Injectable } from '@nestjs/common';
import { daysBetween, DEFAULT_TIME_ZONE, localDateOf } from '@doorloop/domain';
import { OversightRepository } from '@doorloop/persistence';
import { trajectoryScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';

/** What municipal directors watch: late handovers and aggregates for their municipalities, as pseudonyms and numbers. */
@Injectable()
export class OversightService {
  constructor(private readonly oversight: OversightRepository) {}

  /** Handovers and transition reviews still open 7 days after their due date, with how many days late, today. */
  async overdueHandovers(principal: Principal, now: number = Date.now()) {
    const today = localDateOf(now, DEFAULT_TIME_ZONE);
    const rows = await this.oversight.overdueHandovers(trajectoryScope(principal), new Date(now));
    return rows.map(({ dueAt, ...row }) => {
      const dueDate = localDateOf(dueAt.getTime(), DEFAULT_TIME_ZONE);
      return { ...row, dueAt: dueAt.toISOString(), dueDate, daysOverdue: daysBetween(dueDate, today) };
    });
  }

  /** Figures per municipality; the share still in care is undefined (null) where nobody was eligible. */
  async dashboard(principal: Principal, now: Date = new Date()) {
    const municipalities = await this.oversight.dashboard(trajectoryScope(principal), now);
    return {
      generatedAt: now.toISOString(),
      municipalities: municipalities.map((m) => ({
        ...m,
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
