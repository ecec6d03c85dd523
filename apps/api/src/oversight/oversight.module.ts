import { Module } from '@nestjs/common';
import { OversightController } from './oversight.controller';
import { OversightService } from './oversight.service';

/** The directors' reads: overdue handovers and the dashboard. */
@Module({ controllers: [OversightController], providers: [OversightService] })
export class OversightModule {}
