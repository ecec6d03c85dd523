import { Injectable } from '@nestjs/common';
import type { TaskKind, TaskStatus } from '@doorloop/domain';
import { DataSource, In } from 'typeorm';
import { TaskEntity, type TaskContext } from '../entities';

export interface NewTask {
  trajectoryId: string;
  kind: TaskKind;
  occurrenceKey: string;
  occurrence: number;
  organisationId: string;
  role: string;
  fireAt: Date;
  dueAt: Date;
  late: boolean;
  directorListAt?: Date;
  context?: TaskContext;
}

/** Which tasks a list may return: one organisation's, or (for a coordinator) every task of a region's trajectories. */
export type TaskScope = { organisationId: string } | { regionId: string };

export interface TaskFilter {
  statuses?: readonly TaskStatus[];
  kinds?: readonly TaskKind[];
  organisationId?: string;
  trajectoryId?: string;
  dueFrom?: Date;
  /** Exclusive. */
  dueBefore?: Date;
  /** The last (due, id) of the previous page. */
  after?: { dueAt: Date; id: string };
  limit: number;
}

/**
 * A task with what its reader needs beside it: the trajectory's pseudonym and, for a handover, the handover's id. A
 * signal-triage task has no trajectory: no pseudonym, no birth date.
 */
export interface TaskView {
  task: TaskEntity;
  pseudonym: string | null;
  /** The young person's date of birth, for her age: a partner sees the age, never the date. */
  birthDate: string | null;
  handoverId: string | null;
}

/** What a trajectory's tasks record of its fired occurrences: see `TaskRepository.firedLedger`. */
export interface FiredLedger {
  occurrences: {
    occurrenceKey: string;
    kind: TaskKind;
    organisations: string[];
    firedAt: number;
    dueAt: number;
    receiving?: string;
  }[];
  completed: { occurrenceKey: string; organisationId: string; at: number }[];
  acknowledged: { occurrenceKey: string; organisationId: string; accepted: boolean; at: number }[];
  /** `<occurrence key>#<stage>` of every escalation mailed. */
  escalated: string[];
}

/** What a task's due moments become when a pause ends. */
export type ExtendDue = (task: { kind: TaskKind; dueAt: number }) => { dueAt: number; directorListAt?: number };

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
   * transaction, and a second call for the same pause changes nothing. `extend` gives a task's new due moments.
   */
  async extendOpenTasksOnce(
    trajectoryId: string,
    pause: { from: number; to: number },
    extend: ExtendDue,
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
        const moved = extend({ kind: task.kind, dueAt: task.dueAt.getTime() });
        await manager.update(
          TaskEntity,
          { id: task.id },
          {
            dueAt: new Date(moved.dueAt),
            directorListAt: moved.directorListAt === undefined ? null : new Date(moved.directorListAt),
          },
        );
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
   * after the first is a conflict, and so is completing a task a colleague has claimed. One conditional UPDATE decides,
   * so two racing requests get exactly one winner.
   */
  async complete(id: string, outcome: unknown, userId: string): Promise<ChangeOutcome<TaskEntity>> {
    const json = JSON.stringify(outcome);
    const updated: [unknown[], number] = await this.dataSource.query(
      `UPDATE tasks SET status = 'done', outcome = $2::jsonb, completed_at = now(),
              assignee_user_id = coalesce(assignee_user_id, $3)
        WHERE id = $1 AND (status = 'open' OR (status = 'claimed' AND assignee_user_id = $3)) RETURNING id`,
      [id, json, userId],
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
   * What a trajectory's tasks say about what its workflow fired and what was done with it, for a run started after the
   * previous one ended (a reopening): each fired occurrence (consolidations included) with its organisations, receiver,
   * kind, first fire moment and latest due; the completed tasks, the answered handovers and the escalations mailed.
   */
  async firedLedger(trajectoryId: string): Promise<FiredLedger> {
    const [occurrences, completed, acknowledged, escalated] = await Promise.all([
      this.dataSource.query<
        {
          occurrence_key: string;
          kind: TaskKind;
          organisations: string[];
          fired_at: Date;
          due_at: Date;
          receiving: string | null;
        }[]
      >(
        `SELECT t.occurrence_key, min(t.kind) AS kind, array_agg(DISTINCT t.organisation_id::text) AS organisations,
                min(t.created_at) AS fired_at, max(t.due_at) AS due_at,
                (SELECT h.receiving_organisation_id::text FROM handovers h
                  WHERE h.trajectory_id = $1 AND h.occurrence_key = t.occurrence_key LIMIT 1) AS receiving
           FROM tasks t WHERE t.trajectory_id = $1 GROUP BY t.occurrence_key`,
        [trajectoryId],
      ),
      this.dataSource.query<{ occurrence_key: string; organisation_id: string; completed_at: Date }[]>(
        `SELECT occurrence_key, organisation_id::text, completed_at FROM tasks
          WHERE trajectory_id = $1 AND status = 'done' AND completed_at IS NOT NULL`,
        [trajectoryId],
      ),
      this.dataSource.query<
        { occurrence_key: string; organisation_id: string; accepted: boolean; acknowledged_at: Date }[]
      >(
        `SELECT occurrence_key, receiving_organisation_id::text AS organisation_id, status = 'accepted' AS accepted,
                acknowledged_at
           FROM handovers WHERE trajectory_id = $1 AND status IN ('accepted', 'rejected') AND acknowledged_at IS NOT NULL`,
        [trajectoryId],
      ),
      this.dataSource.query<{ key: string }[]>(
        `SELECT DISTINCT t.occurrence_key || '#' || n.stage AS key
           FROM notifications n JOIN tasks t ON t.id = n.task_id WHERE t.trajectory_id = $1`,
        [trajectoryId],
      ),
    ]);
    return {
      occurrences: occurrences.map((o) => ({
        occurrenceKey: o.occurrence_key,
        kind: o.kind,
        organisations: o.organisations,
        firedAt: o.fired_at.getTime(),
        dueAt: o.due_at.getTime(),
        ...(o.receiving === null ? {} : { receiving: o.receiving }),
      })),
      completed: completed.map((c) => ({
        occurrenceKey: c.occurrence_key,
        organisationId: c.organisation_id,
        at: c.completed_at.getTime(),
      })),
      acknowledged: acknowledged.map((a) => ({
        occurrenceKey: a.occurrence_key,
        organisationId: a.organisation_id,
        accepted: a.accepted,
        at: a.acknowledged_at.getTime(),
      })),
      escalated: escalated.map((e) => e.key),
    };
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

  /**
   * Claims an open task for one user: the task is theirs to do. Claiming what one already holds changes nothing; a task
   * a colleague holds, or one that is done, is a conflict.
   */
  async claim(id: string, userId: string): Promise<ChangeOutcome<TaskEntity>> {
    const updated: [unknown[], number] = await this.dataSource.query(
      `UPDATE tasks SET status = 'claimed', assignee_user_id = $2, claimed_at = now()
        WHERE id = $1 AND status = 'open' RETURNING id`,
      [id, userId],
    );
    const current = await this.findById(id);
    if (!current) return { result: 'not-found' };
    if (updated[1] > 0) return { result: 'changed', entity: current };
    const mine = current.status === 'claimed' && current.assigneeUserId === userId;
    return mine ? { result: 'unchanged', entity: current } : { result: 'conflict', entity: current };
  }

  /** One task as its reader sees it, within `scope`; null when it does not exist there. */
  async view(id: string, scope: TaskScope): Promise<TaskView | null> {
    const [view] = await this.views(scope, { ids: [id], limit: 1 });
    return view ?? null;
  }

  /**
   * Tasks within `scope`, in due order, paged by keyset on (due_at, id): a page costs the same at the millionth task
   * as at the first. The partner inbox (one organisation, open or claimed) reads the partial index
   * tasks_inbox_active_idx; other filters read tasks_inbox_due_idx; a coordinator's region inbox walks
   * tasks_active_due_idx, or for a small region starts from trajectories_region_idx.
   */
  list(scope: TaskScope, filter: TaskFilter): Promise<TaskView[]> {
    return this.views(scope, filter);
  }

  private async views(scope: TaskScope, filter: TaskFilter & { ids?: string[] }): Promise<TaskView[]> {
    const query = this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      // A signal-triage task has its signal instead of a trajectory; the signal gives its region.
      .leftJoin('trajectories', 'tr', 'tr.id = t.trajectory_id')
      .leftJoin('signals', 's', 's.id = t.signal_id')
      .leftJoin(
        'handovers',
        'h',
        "h.trajectory_id = t.trajectory_id AND h.occurrence_key = t.occurrence_key AND t.kind = 'handover'",
      )
      .addSelect('tr.pseudonym', 'pseudonym')
      .addSelect(`to_char(tr.birth_date, 'YYYY-MM-DD')`, 'birth_date')
      .addSelect('h.id', 'handover_id');
    if ('organisationId' in scope)
      query.andWhere('t.organisation_id = :scopeOrganisation', { scopeOrganisation: scope.organisationId });
    else query.andWhere('(tr.region_id = :scopeRegion OR s.region_id = :scopeRegion)', { scopeRegion: scope.regionId });
    if (filter.ids) query.andWhere('t.id IN (:...ids)', { ids: filter.ids });
    if (filter.organisationId) query.andWhere('t.organisation_id = :organisationId', filter);
    if (filter.trajectoryId) query.andWhere('t.trajectory_id = :trajectoryId', filter);
    if (filter.statuses?.length) query.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.kinds?.length) query.andWhere('t.kind IN (:...kinds)', { kinds: filter.kinds });
    if (filter.dueFrom) query.andWhere('t.due_at >= :dueFrom', filter);
    if (filter.dueBefore) query.andWhere('t.due_at < :dueBefore', filter);
    if (filter.after) {
      query.andWhere('(t.due_at, t.id) > (:afterDue, :afterId)', {
        afterDue: filter.after.dueAt,
        afterId: filter.after.id,
      });
    }
    query.orderBy('t.due_at', 'ASC').addOrderBy('t.id', 'ASC').limit(filter.limit);
    const { entities, raw } = await query.getRawAndEntities<{
      pseudonym: string | null;
      birth_date: string | null;
      handover_id: string | null;
    }>();
    return entities.map((task, i) => ({
      task,
      pseudonym: raw[i].pseudonym,
      birthDate: raw[i].birth_date,
      handoverId: raw[i].handover_id,
    }));
  }
}
