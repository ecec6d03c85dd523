import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source';
import { AgendaRepository } from './repositories/agenda.repository';
import { AuditRecordRepository } from './repositories/audit-record.repository';
import { FailedLoginTallyRepository } from './repositories/failed-login-tally.repository';
import { HandoverRepository } from './repositories/handover.repository';
import { LawfulPlacementRepository } from './repositories/lawful-placement.repository';
import { OversightRepository } from './repositories/oversight.repository';
import { NotificationRepository } from './repositories/notification.repository';
import { ReferenceDataRepository } from './repositories/reference-data.repository';
import { ReportRepository } from './repositories/report.repository';
import { RetentionRepository } from './repositories/retention.repository';
import { SignalRepository } from './repositories/signal.repository';
import { TaskRepository } from './repositories/task.repository';
import { TrajectoryIdentityRepository } from './repositories/trajectory-identity.repository';
import { TrajectoryRepository } from './repositories/trajectory.repository';
import { UserRepository } from './repositories/user.repository';

const repositories = [
  AgendaRepository,
  AuditRecordRepository,
  FailedLoginTallyRepository,
  HandoverRepository,
  LawfulPlacementRepository,
  OversightRepository,
  NotificationRepository,
  ReferenceDataRepository,
  ReportRepository,
  RetentionRepository,
  SignalRepository,
  TaskRepository,
  TrajectoryIdentityRepository,
  TrajectoryRepository,
  UserRepository,
];

/** The database for an app: one DataSource from DATABASE_URL, and the repositories that own every query. */
@Module({})
export class PersistenceModule {
  static forRoot(databaseUrl: string) {
    return {
      module: PersistenceModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(databaseUrl))],
      providers: repositories,
      exports: repositories,
    };
  }
}
