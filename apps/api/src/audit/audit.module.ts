import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditRecordsController } from './audit-records.controller';
import { AuditRecordsService } from './audit-records.service';
import { AuditTrail } from './audit-trail';
import { AuditedRoutes } from './audited-routes';
import { BulkReadMonitor } from './bulk-read-monitor';
import { RefusalTallySealer } from './refusal-tally-sealer';

/**
 * The audit log: the trail every request leaves (the api's interceptor and middleware use AuditTrail) and the
 * auditors' search of it.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [AuditRecordsController],
  providers: [AuditRecordsService, AuditTrail, AuditedRoutes, BulkReadMonitor, RefusalTallySealer],
  exports: [AuditTrail, AuditedRoutes],
})
export class AuditModule {}
