import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { addAuditDetails } from '../audit/audit-trail';
import { Audit } from '../audit/audit.decorator';
import { Allow } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { DashboardDto, OverdueHandoverListDto } from './oversight.dto';
import { OversightService } from './oversight.service';

/** What municipal directors watch: late handovers and aggregates for their municipalities, as pseudonyms and numbers. */
@ApiTags('oversight')
@Allow('director', 'coordinator')
@Controller()
export class OversightController {
  constructor(private readonly service: OversightService) {}

  @Get('overdue-handovers')
  @Audit({ action: 'search', object: 'task' })
  @ZodResponse({
    type: OverdueHandoverListDto,
    description: 'Handovers and transition reviews still open 7 days after their due date, oldest first.',
  })
  async overdueHandovers(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    const items = await this.service.overdueHandovers(principal);
    addAuditDetails(response, { objectIds: items.map((item) => item.taskId) });
    return { items };
  }

  @Get('dashboard')
  @Audit({ action: 'search', object: 'dashboard' })
  @ZodResponse({ type: DashboardDto, description: 'Figures per municipality and per organisation.' })
  dashboard(@CurrentPrincipal() principal: Principal) {
    return this.service.dashboard(principal);
  }
}
