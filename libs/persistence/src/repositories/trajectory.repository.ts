import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TrajectoryFacts, TrajectoryStatus } from '@doorloop/domain';
import { TrajectoryEntity } from '../entities';

@Injectable()
export class TrajectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one transaction: the row is written, then `afterWrite` (starting the workflow) must succeed before
   * the transaction commits, so a failure leaves neither a trajectory without a workflow nor half a trajectory.
   */
  insertWithin(
    trajectory: Omit<TrajectoryEntity, 'createdAt' | 'updatedAt' | 'status'>,
    afterWrite: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.insert(TrajectoryEntity, trajectory);
      await afterWrite(manager);
    });
  }

  /**
   * Projects the workflow's facts. Ordered by revision: an older or repeated write (an activity retry) changes nothing.
   * The denormalised columns the dashboards filter on follow the facts.
   */
  async recordFacts(id: string, facts: TrajectoryFacts, revision: number, status: TrajectoryStatus): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(TrajectoryEntity)
      .set({
        facts: { ...facts },
        factsRevision: revision,
        status,
        birthDate: facts.birthDate,
        municipalityCode: facts.municipalityCode,
      })
      .where('id = :id AND facts_revision < :revision', { id, revision })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Records the closure (exit checklist, override reason) and runs `close` (the workflow update) in one transaction:
   * a refused closure leaves no record. The record is in its own table, so the workflow's facts projection, which
   * updates the trajectory row meanwhile, is not blocked by this transaction.
   */
  recordClosureWithin(
    closure: { trajectoryId: string; closedOn: string; checklist: unknown; overrideReason: string | null },
    close: () => Promise<void>,
  ): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO trajectory_closures (trajectory_id, closed_on, checklist, override_reason) VALUES ($1, $2, $3, $4)`,
        [
          closure.trajectoryId,
          closure.closedOn,
          closure.checklist === undefined ? null : JSON.stringify(closure.checklist),
          closure.overrideReason,
        ],
      );
      await close();
    });
  }

  findById(id: string): Promise<TrajectoryEntity | null> {
    return this.dataSource.getRepository(TrajectoryEntity).findOneBy({ id });
  }

  /** Trajectories of a region (optionally some municipalities), newest first, paged by keyset on (created_at, id). */
  list(
    scope: { regionId: string; municipalityCodes?: readonly string[] },
    filter: {
      pseudonymPrefix?: string;
      statuses?: readonly TrajectoryStatus[];
      after?: { createdAt: Date; id: string };
      limit: number;
    },
  ): Promise<TrajectoryEntity[]> {
    const query = this.dataSource
      .getRepository(TrajectoryEntity)
      .createQueryBuilder('t')
      .where('t.region_id = :regionId', { regionId: scope.regionId });
    // The api accepts only [A-Z0-9-] in a prefix, so it carries no LIKE wildcards. A director without
    // municipalities sees nothing: `''` keeps the IN list valid and matches no code.
    if (scope.municipalityCodes)
      query.andWhere('t.municipality_code IN (:...codes)', { codes: [...scope.municipalityCodes, ''] });
    if (filter.pseudonymPrefix) {
      query.andWhere('t.pseudonym LIKE :prefix', { prefix: `${filter.pseudonymPrefix}%` });
    }
    if (filter.statuses?.length) query.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.after) {
      query.andWhere('(t.created_at, t.id) < (:afterCreated, :afterId)', {
        afterCreated: filter.after.createdAt,
        afterId: filter.after.id,
      });
    }
    return query.orderBy('t.created_at', 'DESC').addOrderBy('t.id', 'DESC').limit(filter.limit).getMany();
  }
}
