import { Injectable } from '@nestjs/common';
import type { MilestoneKind } from '@doorloop/domain';
import { DataSource, In } from 'typeorm';
import { TaskEntity } from '../entities';

export interface NewTask {
  trajectoryId: string;
  kind: MilestoneKind;
  occurrenceKey: string;
  occurrence: number;
  organisationId: string;
  role: string;
  fireAt: Date;
  dueAt: Date;
  late: boolean;
}

/** What a state change did: `unchanged` means the same change had been made before (an idempotent repeat). */
export type ChangeOutcome<T> =
  | { result: 'changed'; entity: T }
  | { result: 'unchanged'; entity: T }
  | { result: 'conflict'; entity: T }
  | { result: 'not-found' };

@Injectable()
export class TaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the tasks of a fired occurrence. Activities run at least once, so a retry must change nothing: the
   * unique key (trajectory, occurrence, organisation) turns a repeat into a no-op. Returns how many were new.
   */
  async insertIdempotent(tasks: readonly NewTask[]): Promise<number> {
    if (tasks.length === 0) return 0;
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(TaskEntity)
      .values(tasks.map((task) => ({ ...task })))
      .orIgnore()
      .returning(['id'])
      .execute();
    return result.identifiers.filter((identifier) => identifier !== undefined && identifier !== null).length;
  }

  /**
   * Adds a pause's length to the due moments of the trajectory's open tasks, once: the pause is recorded in the same
   * transaction, and a second call for the same pause changes nothing. `extend` maps an old due moment to the new one.
   */
  async extendOpenTasksOnce(
    trajectoryId: string,
    pause: { from: number; to: number },
    extend: (dueAt: number) => number,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO pause_extensions (trajectory_id, pause_from, pause_to, extended) VALUES ($1, $2, $3, 0)
         ON CONFLICT DO NOTHING RETURNING trajectory_id`,
        [trajectoryId, new Date(pause.from), new Date(pause.to)],
      );
      if (claimed.length === 0) return 0;
      const open = await manager
        .getRepository(TaskEntity)
        .find({ where: { trajectoryId, status: In(['open', 'claimed']) } });
      for (const task of open) {
        await manager.update(TaskEntity, { id: task.id }, { dueAt: new Date(extend(task.dueAt.getTime())) });
      }
      await manager.query(`UPDATE pause_extensions SET extended = $3 WHERE trajectory_id = $1 AND pause_from = $2`, [
        trajectoryId,
        new Date(pause.from),
        open.length,
      ]);
      return open.length;
    });
  }

  findById(id: string): Promise<TaskEntity | null> {
    return this.dataSource.getRepository(TaskEntity).findOneBy({ id });
  }

  /**
   * Completes an open task with its outcome, once. The same outcome sent again is the same completion; another one
   * after the first is a conflict. One conditional UPDATE decides, so two racing requests get exactly one winner.
   */
  async complete(id: string, outcome: unknown): Promise<ChangeOutcome<TaskEntity>> {
    const json = JSON.stringify(outcome);
    const updated: [unknown[], number] = await this.dataSource.query(
      `UPDATE tasks SET status = 'done', outcome = $2::jsonb, completed_at = now()
        WHERE id = $1 AND status IN ('open', 'claimed') RETURNING id`,
      [id, json],
    );
    const current = await this.findById(id);
    if (!current) return { result: 'not-found' };
    if (updated[1] > 0) return { result: 'changed', entity: current };
    const [{ same }]: { same: boolean }[] = await this.dataSource.query(
      `SELECT (status = 'done' AND outcome = $2::jsonb) AS same FROM tasks WHERE id = $1`,
      [id, json],
    );
    return same ? { result: 'unchanged', entity: current } : { result: 'conflict', entity: current };
  }

  /**
   * Per occurrence of a trajectory: how many of its tasks there are, how many are done or cancelled, and the latest due
   * moment among them (a late occurrence's tasks are due counted from when they fired, not from the scheduled moment).
   */
  async statusesByOccurrence(
    trajectoryId: string,
  ): Promise<Map<string, { total: number; done: number; cancelled: number; dueAt: Date }>> {
    const rows: { occurrence_key: string; total: string; done: string; cancelled: string; due_at: Date }[] =
      await this.dataSource.query(
        `SELECT occurrence_key, count(*) AS total, max(due_at) AS due_at,
              count(*) FILTER (WHERE status = 'done') AS done,
              count(*) FILTER (WHERE status = 'cancelled') AS cancelled
         FROM tasks WHERE trajectory_id = $1 GROUP BY occurrence_key`,
        [trajectoryId],
      );
    return new Map(
      rows.map((r) => [
        r.occurrence_key,
        { total: Number(r.total), done: Number(r.done), cancelled: Number(r.cancelled), dueAt: r.due_at },
      ]),
    );
  }

  /** An organisation's tasks (or all, for now), in due order. */
  list(filter: { organisationId?: string; trajectoryId?: string; limit: number }): Promise<TaskEntity[]> {
    const query = this.dataSource.getRepository(TaskEntity).createQueryBuilder('t');
    if (filter.organisationId) query.andWhere('t.organisation_id = :organisationId', filter);
    if (filter.trajectoryId) query.andWhere('t.trajectory_id = :trajectoryId', filter);
    return query.orderBy('t.due_at', 'ASC').addOrderBy('t.id', 'ASC').limit(filter.limit).getMany();
  }
}
