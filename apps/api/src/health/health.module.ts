import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** Liveness and readiness probes for load balancers and orchestrators. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
