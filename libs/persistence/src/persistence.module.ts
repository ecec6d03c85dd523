import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source';
import { AgendaRepository } from './repositories/agenda.repository';
import { HandoverRepository } from './repositories/handover.repository';
import { ReferenceDataRepository } from './repositories/reference-data.repository';
import { TaskRepository } from './repositories/task.repository';
import { TrajectoryRepository } from './repositories/trajectory.repository';

const repositories = [
  AgendaRepository,
  HandoverRepository,
  ReferenceDataRepository,
  TaskRepository,
  TrajectoryRepository,
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
