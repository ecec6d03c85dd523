import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { AuditRecordRepository } from '@doorloop/persistence';
import { auditScope } from '../auth/access-policy';
import { Allow } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { Audit } from './audit.decorator';
import { AuditRecordListDto, AuditRecordQueryDto } from './audit-record.dto';
import { addAuditDetails } from './audit-trail';

/** The audit log, for auditors only; reading it leaves a record too. */
@ApiTags('audit records')
@Controller('audit-records')
export class AuditRecordsController {
  constructor(private readonly records: AuditRecordRepository) {}

  @Get()
  @Allow('auditor')
  @Audit({ action: 'search', object: 'audit-record' })
  @ZodResponse({ type: AuditRecordListDto, description: 'Matching records in chain order, a page at a time.' })
  async search(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AuditRecordQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const page = await this.records.find({
      ...auditScope(principal),
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      userId: query.userId?.toLowerCase(),
      trajectoryId: query.trajectoryId?.toLowerCase(),
      after: query.cursor ? Number(query.cursor) : undefined,
      limit: query.limit + 1,
    });
    const items = page.slice(0, query.limit);
    addAuditDetails(response, { objectIds: items.map((record) => String(record.sequence)) });
    return {
      items: items.map((record) => ({ ...record, recordedAt: record.recordedAt.toISOString() })),
      nextCursor: page.length > query.limit ? String(items[items.length - 1].sequence) : null,
    };
  }
}
