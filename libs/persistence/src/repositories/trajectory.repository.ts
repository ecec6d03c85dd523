import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type SelectQueryBuilder } from 'typeorm';
import type { TrajectoryFacts, TrajectoryStatus } from '@doorloop/domain';
import { TrajectoryEntity } from '../entities';
import { TASK_TABLES, TRAJECTORY_TABLES } from './retention.repository';

/** The unique index on (region_id, pseudonym), migration 1763990000000-pseudonyms. */
const PSEUDONYM_KEY = 'trajectories_region_pseudonym_key';

@Injectable()
export class TrajectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes a new trajectory row (revision 1: the facts its workflow starts from), unless its region already has a
   * trajectory with that pseudonym: then nothing is written and the answer is `pseudonym-taken`. The unique index
   * decides, so two coordinators racing for one pseudonym cannot both win.
   */
  async insert(
    trajectory: Omit<TrajectoryEntity, 'createdAt' | 'updatedAt' | 'status'>,
  ): Promise<'inserted' | 'pseudonym-taken'> {
    try {
      await this.dataSource.getRepository(TrajectoryEntity).insert(trajectory);
      return 'inserted';
    } catch (error) {
      if (isViolationOf(error, PSEUDONYM_KEY)) return 'pseudonym-taken';
      throw error;
    }
  }

  /** Records the forms of exploitation (null: not recorded). */
  async setExploitationForms(id: string, forms: string[] | null): Promise<void> {
    await this.dataSource.query(`UPDATE trajectories SET exploitation_forms = $2::text[] WHERE id = $1`, [id, forms]);
  }

  /**
   * Removes a trajectory whose workflow could not be started, with whatever a briefly running workflow may have written
   * for it, in one transaction: nothing of it is left.
   */
  remove(id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      for (const table of TASK_TABLES) {
        await manager.query(`DELETE FROM ${table} WHERE task_id IN (SELECT id FROM tasks WHERE trajectory_id = $1)`, [
          id,
        ]);
      }
      for (const table of TRAJECTORY_TABLES) await manager.query(`DELETE FROM ${table} WHERE trajectory_id = $1`, [id]);
      await manager.delete(TrajectoryEntity, { id });
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
   * Records a reopening's reason before the workflow is asked to reopen; `withdrawRecord` takes it back when the
   * workflow refuses. Returns the record's id.
   */
  recordReopening(reopening: { trajectoryId: string; reopenedOn: string; reason: string; recordedBy: string | null }) {
    const { trajectoryId, reopenedOn, reason, recordedBy } = reopening;
    return this.insertRecord('trajectory_reopenings', { reopened_on: reopenedOn, reason }, trajectoryId, recordedBy);
  }

  /** Records a chosen receiver and its note before the workflow is asked for the new handover. Returns its id. */
  recordReceiverChoice(choice: {
    trajectoryId: string;
    receivingOrganisationId: string;
    note: string | null;
    recordedBy: string | null;
  }) {
    const { trajectoryId, receivingOrganisationId, note, recordedBy } = choice;
    const values = { receiving_organisation_id: receivingOrganisationId, note };
    return this.insertRecord('receiver_choices', values, trajectoryId, recordedBy);
  }

  private async insertRecord(
    table: 'trajectory_reopenings' | 'receiver_choices',
    values: Record<string, string | null>,
    trajectoryId: string,
    recordedBy: string | null,
  ): Promise<string> {
    const columns = ['trajectory_id', 'recorded_by', ...Object.keys(values)];
    const placeholders = columns.map((_, i) => `$${i + 1}`).join(', ');
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders}) RETURNING id`,
      [trajectoryId, recordedBy, ...Object.values(values)],
    );
    return row.id;
  }

  /** Takes back a reopening or receiver record (`table`) the workflow refused. */
  async withdrawRecord(table: 'trajectory_reopenings' | 'receiver_choices', id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
  }

  /**
   * Records the closure (exit checklist, override reason) before the workflow is asked to close. A record that an
   * earlier, unfinished attempt left behind is replaced; the record of a trajectory that is closed is not. The record is
   * in its own table, so the workflow's facts projection, which updates the trajectory row, is never blocked by it.
   */
  async recordClosure(closure: {
    trajectoryId: string;
    closedOn: string;
    checklist: unknown;
    overrideReason: string | null;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO trajectory_closures (trajectory_id, closed_on, checklist, override_reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (trajectory_id) DO UPDATE
         SET closed_on = excluded.closed_on, checklist = excluded.checklist,
             override_reason = excluded.override_reason, recorded_at = now()
       WHERE NOT EXISTS (SELECT 1 FROM trajectories t WHERE t.id = excluded.trajectory_id AND t.status = 'closed')`,
      [
        closure.trajectoryId,
        closure.closedOn,
        closure.checklist === undefined ? null : JSON.stringify(closure.checklist),
        closure.overrideReason,
      ],
    );
  }

  /** Withdraws the closure record of a trajectory the workflow refused to close; a closed one keeps its record. */
  async withdrawClosure(trajectoryId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM trajectory_closures c WHERE c.trajectory_id = $1
          AND NOT EXISTS (SELECT 1 FROM trajectories t WHERE t.id = c.trajectory_id AND t.status = 'closed')`,
      [trajectoryId],
    );
  }

  findById(id: string): Promise<TrajectoryEntity | null> {
    return this.dataSource.getRepository(TrajectoryEntity).findOneBy({ id });
  }

  /** A trajectory within `scope`; null when it does not exist there. */
  findInScope(id: string, scope: TrajectoryScope): Promise<TrajectoryEntity | null> {
    return withinScope(this.query().where('t.id = :id', { id }), scope).getOne();
  }

  /** Those of `ids` that are trajectories within `scope`. */
  async idsInScope(ids: readonly string[], scope: TrajectoryScope): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await withinScope(
      this.query().select('t.id', 'id').where('t.id IN (:...ids)', { ids }),
      scope,
    ).getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** Trajectories of a region (optionally some municipalities), newest first, paged by keyset on (created_at, id). */
  list(
    scope: TrajectoryScope,
    filter: {
      pseudonymPrefix?: string;
      statuses?: readonly TrajectoryStatus[];
      after?: { createdAt: Date; id: string };
      limit: number;
    },
  ): Promise<TrajectoryEntity[]> {
    const query = withinScope(this.query(), scope);
    // The api accepts only [A-Z0-9-] in a prefix, so it carries no LIKE wildcards.
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

  private query(): SelectQueryBuilder<TrajectoryEntity> {
    return this.dataSource.getRepository(TrajectoryEntity).createQueryBuilder('t');
  }
}

/** Which trajectories a reader reaches: a region's, optionally only those of some municipalities. */
export interface TrajectoryScope {
  readonly regionId: string;
  readonly municipalityCodes?: readonly string[];
}

function withinScope(
  query: SelectQueryBuilder<TrajectoryEntity>,
  scope: TrajectoryScope,
): SelectQueryBuilder<TrajectoryEntity> {
  query.andWhere('t.region_id = :regionId', { regionId: scope.regionId });
  // A director without municipalities sees nothing: `''` keeps the IN list valid and matches no code.
  if (scope.municipalityCodes)
    query.andWhere('t.municipality_code IN (:...codes)', { codes: [...scope.municipalityCodes, ''] });
  return query;
}

/** A PostgreSQL unique violation (23505) of the named constraint or index. */
function isViolationOf(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: unknown; constraint?: unknown };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
