import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { Allow } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { Audit } from './audit.decorator';
import { AuditRecordListDto, AuditRecordQueryDto } from './audit-record.dto';
import { addAuditDetails } from './audit-trail';
import { AuditRecordsService } from './audit-records.service';

/** The audit log, for auditors only; reading it leaves a record too. */
@ApiTags('audit records')
@Controller('audit-records')
export class AuditRecordsController {
  constructor(private readonly service: AuditRecordsService) {}

  @Get()
  @Allow('auditor')
  @Audit({ action: 'search', object: 'audit-record' })
  @ZodResponse({ type: AuditRecordListDto, description: 'Matching records in chain order, a page at a time.' })
  async search(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AuditRecordQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const page = await this.service.search(principal, query);
    addAuditDetails(response, { objectIds: page.items.map((record) => String(record.sequence)) });
    return page;
  }
}
