import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { ZodSerializerInterceptor, ZodValidationPipe } from 'nestjs-zod';
import type { DestinationStream } from 'pino';
import { ConfigModule, loggerParams, type AppConfig } from '@doorloop/config';
import { PersistenceModule } from '@doorloop/persistence';
import { TemporalClientModule } from '@doorloop/temporal';
import { AuditRecordsController } from './audit/audit-records.controller';
import { AuditTrail } from './audit/audit-trail';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditMiddleware } from './audit/audit.middleware';
import { AuditedRoutes } from './audit/audited-routes';
import { accessTokenVerifierProvider } from './auth/access-token-verifier';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { HealthController } from './health/health.controller';
import { JsonOnlyMiddleware } from './http/json-only.middleware';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { writeThrottling } from './http/write-throttling';
import { OversightController } from './oversight/oversight.controller';
import { ReferenceDataController } from './reference-data/reference-data.controller';
import { HandoversController, TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { payloadCodecProvider } from './temporal-codec/payload-codec.provider';
import { TemporalCodecController } from './temporal-codec/temporal-codec.controller';
import { identityCipherProvider } from './trajectories/identity/identity-cipher.provider';
import { TrajectoryIdentityController } from './trajectories/identity/trajectory-identity.controller';
import { TrajectoryIdentityService } from './trajectories/identity/trajectory-identity.service';
import { TrajectoriesController } from './trajectories/trajectories.controller';
import { TrajectoriesService } from './trajectories/trajectories.service';

@Module({})
export class ApiModule implements NestModule {
  /** `logDestination` replaces stdout for the logs (tests capture them). */
  static forRoot(config: AppConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, 'api', logDestination)),
        PersistenceModule.forRoot(config.DATABASE_URL),
        TemporalClientModule.forRoot(config),
        DiscoveryModule,
        ThrottlerModule.forRoot(writeThrottling(config)),
      ],
      controllers: [
        HealthController,
        AuthController,
        ReferenceDataController,
        TrajectoriesController,
        TrajectoryIdentityController,
        TasksController,
        HandoversController,
        OversightController,
        AuditRecordsController,
        TemporalCodecController,
      ],
      providers: [
        TrajectoriesService,
        TrajectoryIdentityService,
        identityCipherProvider,
        TasksService,
        AuditedRoutes,
        AuditTrail,
        payloadCodecProvider,
        accessTokenVerifierProvider,
        // Guards run in this order: who is asking first, so that writes are counted per user.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        // First, so it is the outermost: it sees the serialised result, and a serialisation failure as a failure.
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // The audit hook first: it must be attached before any middleware can refuse the request.
    consumer.apply(AuditMiddleware, JsonOnlyMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
