import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { ZodSerializerInterceptor, ZodValidationPipe } from 'nestjs-zod';
import type { DestinationStream } from 'pino';
import { ConfigModule, loggerParams, type AppConfig } from '@doorloop/config';
import { PersistenceModule } from '@doorloop/persistence';
import { TemporalClientModule } from '@doorloop/temporal';
import { AuditModule } from './audit/audit.module';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditMiddleware } from './audit/audit.middleware';
import { accessTokenVerifierProvider } from './auth/access-token-verifier';
import { AuthController } from './auth/auth.controller';
import { ProfileService } from './auth/profile.service';
import { AuthGuard } from './auth/auth.guard';
import { HealthModule } from './health/health.module';
import { ControlCharactersPipe } from './http/control-characters.pipe';
import { NoHeadMiddleware } from './http/no-head.middleware';
import { JsonOnlyMiddleware } from './http/json-only.middleware';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { sourceBudgetProvider } from './http/per-minute-budget';
import { SourceRateLimitMiddleware } from './http/source-rate-limit.middleware';
import { writeThrottling } from './http/write-throttling';
import { OversightModule } from './oversight/oversight.module';
import { ReferenceDataModule } from './reference-data/reference-data.module';
import { ReportsModule } from './reporting/reports.module';
import { SignalsModule } from './signals/signals.module';
import { TasksModule } from './tasks/tasks.module';
import { TemporalCodecModule } from './temporal-codec/temporal-codec.module';
import { TrajectoriesModule } from './trajectories/trajectories.module';

/** The infrastructure every feature module uses (config, database, Temporal client), without importing it each time. */
function everywhere(module: DynamicModule): DynamicModule {
  return { ...module, global: true };
}

@Module({})
export class ApiModule implements NestModule {
  /** `logDestination` replaces stdout for the logs (tests capture them). */
  static forRoot(config: AppConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        everywhere(ConfigModule.forRoot(config)),
        LoggerModule.forRoot(loggerParams(config, 'api', logDestination)),
        everywhere(PersistenceModule.forRoot(config.DATABASE_URL)),
        everywhere(TemporalClientModule.forRoot(config)),
        // Its storage also keeps the per-source and identity-read budgets (http/per-minute-budget.ts).
        everywhere(ThrottlerModule.forRoot(writeThrottling(config))),
        // The features, each with its controllers and services.
        HealthModule,
        ReferenceDataModule,
        TrajectoriesModule,
        TasksModule,
        OversightModule,
        SignalsModule,
        ReportsModule,
        AuditModule,
        TemporalCodecModule,
      ],
      // Sign-in and the guard are the api's own: every feature is behind them.
      controllers: [AuthController],
      providers: [
        ProfileService,
        accessTokenVerifierProvider,
        sourceBudgetProvider,
        // Guards run in this order: who is asking first, so that writes are counted per user.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        // Before the schemas: a control character is refused wherever it is, under its own code.
        { provide: APP_PIPE, useClass: ControlCharactersPipe },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        // First, so it is the outermost: it sees the serialised result, and a serialisation failure as a failure.
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // The audit hook first: it must be attached before any middleware can refuse the request. Then the budget per
    // source, before anything else is done for a request (its token is looked at only by the guard, later).
    consumer
      .apply(AuditMiddleware, SourceRateLimitMiddleware, NoHeadMiddleware, JsonOnlyMiddleware)
      .forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
