import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { HEALTH_DEPENDENCIES, type Liveness, type Readiness } from '@doorloop/contracts';
import { TemporalProbe } from '@doorloop/temporal';
import { Public } from '../auth/access.decorators';
import { ProblemError } from '../http/problem';

/** Public: load balancers and orchestrators probe it without a token. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TemporalProbe) private readonly temporal: TemporalProbe,
  ) {}

  /** Readiness: 200 only when both PostgreSQL and Temporal answer. */
  @Get()
  @ApiOkResponse({ description: 'PostgreSQL and Temporal are reachable.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; the problem names it.' })
  async readiness(): Promise<Readiness> {
    const results = await Promise.allSettled([
      withDeadline(this.dataSource.query('SELECT 1')),
      this.temporal.isReachable(),
    ]);
    const down = HEALTH_DEPENDENCIES.filter((_, i) => results[i].status === 'rejected');
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

/** A probe that does not answer in time counts as down: a readiness check must answer quickly either way. */
function withDeadline<T>(probe: Promise<T>, ms = 2000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([probe, deadline]).finally(() => clearTimeout(timer));
}
