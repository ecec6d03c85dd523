import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HEALTH_DEPENDENCIES, type HealthDependency } from '@doorloop/contracts';
import { TemporalProbe } from '@doorloop/temporal';

/** Whether the api's dependencies answer, each within a deadline so that a probe answers quickly either way. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TemporalProbe) private readonly temporal: TemporalProbe,
  ) {}

  /** The dependencies that did not answer; empty when all did. */
  async unreachable(): Promise<HealthDependency[]> {
    const results = await Promise.allSettled([
      withDeadline(this.dataSource.query('SELECT 1')),
      this.temporal.isReachable(),
    ]);
    return HEALTH_DEPENDENCIES.filter((_, i) => results[i].status === 'rejected');
  }
}

/** A probe that does not answer in time counts as down. */
function withDeadline<T>(probe: Promise<T>, ms = 2000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([probe, deadline]).finally(() => clearTimeout(timer));
}
