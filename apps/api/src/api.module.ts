import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ZodSerializerInterceptor, ZodValidationPipe } from 'nestjs-zod';
import { ConfigModule, loggerParams, type AppConfig } from '@doorloop/config';
import { PersistenceModule } from '@doorloop/persistence';
import { TemporalClientModule } from '@doorloop/temporal';
import { HealthController } from './health/health.controller';
import { JsonOnlyMiddleware } from './http/json-only.middleware';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ReferenceDataController } from './reference-data/reference-data.controller';
import { HandoversController, TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { TrajectoriesController } from './trajectories/trajectories.controller';
import { TrajectoriesService } from './trajectories/trajectories.service';

@Module({})
export class ApiModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, 'api')),
        PersistenceModule.forRoot(config.DATABASE_URL),
        TemporalClientModule.forRoot(config),
      ],
      controllers: [
        HealthController,
        ReferenceDataController,
        TrajectoriesController,
        TasksController,
        HandoversController,
      ],
      providers: [
        TrajectoriesService,
        TasksService,
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonOnlyMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
