import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ConfigModule, loggerParams, type AppConfig } from '@doorloop/config';
import { PersistenceModule } from '@doorloop/persistence';
import { Mailer } from './notifications/mailer';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({})
export class WorkerModule {
  /** `logDestination` replaces stdout for the logs (tests capture them). */
  static forRoot(config: AppConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, 'worker', logDestination)),
        PersistenceModule.forRoot(config.DATABASE_URL),
      ],
      providers: [Mailer, TemporalWorkerService],
    };
  }
}
