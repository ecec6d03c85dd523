import { Injectable } from '@nestjs/common';
import { AuditRecordRepository } from '@doorloop/persistence';
import { auditScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import type { AuditRecordQueryDto } from './audit-record.dto';

/** Searches the audit log within the auditor's region (access-policy.ts), a page at a time in chain order. */
@Injectable()
export class AuditRecordsService {
  constructor(private readonly records: AuditRecordRepository) {}

  async search(principal: Principal, query: AuditRecordQueryDto) {
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
    return {
      items: items.map((record) => ({
        ...record,
        recordedAt: record.recordedAt.toISOString(),
        attempts: record.attempts ?? null,
        windowStart: record.windowStart?.toISOString() ?? null,
      })),
      nextCursor: page.length > query.limit ? String(items[items.length - 1].sequence) : null,
    };
  }
}
