import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TaskEntity } from '../entities';

export interface NewTask {
  trajectoryId: string;
  kind: string;
  occurrenceKey: string;
  occurrence: number;
  organisationId: string;
  role: string;
  fireAt: Date;
  dueAt: Date;
  late: boolean;
}

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

  /** An organisation's tasks (or all, for now), in due order. */
  list(filter: { organisationId?: string; trajectoryId?: string; limit: number }): Promise<TaskEntity[]> {
    const query = this.dataSource.getRepository(TaskEntity).createQueryBuilder('t');
    if (filter.organisationId) query.andWhere('t.organisation_id = :organisationId', filter);
    if (filter.trajectoryId) query.andWhere('t.trajectory_id = :trajectoryId', filter);
    return query.orderBy('t.due_at', 'ASC').addOrderBy('t.id', 'ASC').limit(filter.limit).getMany();
  }
}
