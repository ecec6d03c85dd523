import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Liveness, Readiness } from '@doorloop/contracts';
import { Public } from '../auth/access.decorators';
import { ProblemError } from '../http/problem';
import { ReadinessService } from './readiness.service';

/** Public: load balancers and orchestrators probe it without a token. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readinessChecks: ReadinessService) {}

  /** Readiness: 200 only when both PostgreSQL and Temporal answer. */
  @Get()
  @ApiOkResponse({ description: 'PostgreSQL and Temporal are reachable.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; the problem names it.' })
  async readiness(): Promise<Readiness> {
    const down = await this.readinessChecks.unreachable();
    if (down.length > 0) {
      throw new ProblemError('dependency-unavailable', `Not reachable: ${down.join(', ')}.`);
    }
    return { status: 'ok', checks: { postgresql: 'up', temporal: 'up' } };
  }

  /** Liveness: the process answers; says nothing about dependencies, so an orchestrator does not restart on their outage. */
  @Get('live')
  @ApiOkResponse({ description: 'The process is alive.' })
  liveness(): Liveness {
    return { status: 'ok' };
  }
}
