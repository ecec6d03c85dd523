import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Reporting without persons (issue 17). */
@Module({ controllers: [ReportsController], providers: [ReportsService] })
export class ReportsModule {}
