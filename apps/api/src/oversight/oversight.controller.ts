import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { addAuditDetails } from '../audit/audit-trail';
import { Audit } from '../audit/audit.decorator';
import { daysBetween, DEFAULT_TIME_ZONE, localDateOf } from '@doorloop/domain';
import { OversightRepository } from '@doorloop/persistence';
import { trajectoryScope } from '../auth/access-policy';
import { Allow } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { DashboardDto, OverdueHandoverListDto } from './oversight.dto';

/** What municipal directors watch: late handovers and aggregates for their municipalities, as pseudonyms and numbers. */
@ApiTags('oversight')
@Allow('director', 'coordinator')
@Controller()
export class OversightController {
  constructor(private readonly oversight: OversightRepository) {}

  @Get('overdue-handovers')
  @Audit({ action: 'search', object: 'task' })
  @ZodResponse({
    type: OverdueHandoverListDto,
    description: 'Handovers and transition reviews still open 7 days after their due date, oldest first.',
  })
  async overdueHandovers(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    const now = Date.now();
    const today = localDateOf(now, DEFAULT_TIME_ZONE);
    const rows = await this.oversight.overdueHandovers(trajectoryScope(principal), new Date(now));
    addAuditDetails(response, { objectIds: rows.map((row) => row.taskId) });
    return {
      items: rows.map(({ dueAt, ...row }) => {
        const dueDate = localDateOf(dueAt.getTime(), DEFAULT_TIME_ZONE);
        return { ...row, dueAt: dueAt.toISOString(), dueDate, daysOverdue: daysBetween(dueDate, today) };
      }),
    };
  }

  @Get('dashboard')
  @Audit({ action: 'search', object: 'dashboard' })
  @ZodResponse({ type: DashboardDto, description: 'Figures per municipality and per organisation.' })
  async dashboard(@CurrentPrincipal() principal: Principal) {
    const now = new Date();
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
