import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators';
import { TrajectoryDto } from './trajectory.dto';

/** What a change answers: the trajectory after it. */
export const CHANGED = {
  type: TrajectoryDto,
  description: 'The change is accepted and the schedule recomputed; the trajectory as it is now.',
};

/** A controller of `/trajectories` routes: the coordinator's, with the problems every one of them may answer. */
export const TrajectoryRoutes = (notFound = 'No such trajectory (or not visible to you).') =>
  applyDecorators(
    ApiTags('trajectories'),
    ApiBadRequestResponse({ description: 'Invalid input; the problem lists every bad field and nothing changed.' }),
    ApiNotFoundResponse({ description: notFound }),
    ApiConflictResponse({ description: 'The change conflicts with the trajectory as it is (e.g. it has ended).' }),
    Allow('coordinator'),
    Controller('trajectories'),
  );
