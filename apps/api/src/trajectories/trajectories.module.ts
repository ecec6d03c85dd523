import { Module } from '@nestjs/common';
import { identityReadBudgetProvider } from '../http/per-minute-budget';
import { identityCipherProvider } from './identity/identity-cipher.provider';
import { TrajectoryIdentityController } from './identity/trajectory-identity.controller';
import { TrajectoryIdentityService } from './identity/trajectory-identity.service';
import { MissingEpisodesController } from './missing-episodes.controller';
import { MissingEpisodesService } from './missing-episodes.service';
import { TemporalTrajectoryWorkflows } from './temporal-trajectory-workflows';
import { TrajectoriesController } from './trajectories.controller';
import { TrajectoriesService } from './trajectories.service';
import { TrajectoryWorkflows } from './trajectory-workflows.port';

/** Trajectories, their identifying fields, and the port to their workflows (which the tasks feature uses too). */
@Module({
  controllers: [TrajectoriesController, MissingEpisodesController, TrajectoryIdentityController],
  providers: [
    TrajectoriesService,
    MissingEpisodesService,
    TrajectoryIdentityService,
    identityCipherProvider,
    identityReadBudgetProvider,
    { provide: TrajectoryWorkflows, useClass: TemporalTrajectoryWorkflows },
  ],
  exports: [TrajectoryWorkflows],
})
export class TrajectoriesModule {}
