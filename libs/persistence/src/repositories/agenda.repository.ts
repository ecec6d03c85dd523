import { Injectable } from '@nestjs/common';
import type { AgendaEntry } from '@doorloop/domain';
import { DataSource } from 'typeorm';
import { MilestoneEntity } from '../entities';

/** The projection of each trajectory's agenda; written only by its workflow, read by the api. */
@Injectable()
export class AgendaRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Replaces the whole projection in one transaction, so a reader never sees half an agenda; safe to repeat. */
  async replace(trajectoryId: string, rows: readonly AgendaEntry[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(MilestoneEntity, { trajectoryId });
      if (rows.length === 0) return;
      await manager.insert(
        MilestoneEntity,
        rows.map((row) => ({
          trajectoryId,
          occurrenceKey: row.key,
          kind: row.kind,
          occurrence: row.occurrence,
          fireAt: new Date(row.fireAt),
          fireDate: row.fireDate,
          dueAt: new Date(row.dueAt),
          dueDate: row.dueDate,
          status: row.status,
          assignees: row.assignees,
        })),
      );
    });
  }

  list(trajectoryId: string): Promise<MilestoneEntity[]> {
    return this.dataSource
      .getRepository(MilestoneEntity)
      .find({ where: { trajectoryId }, order: { fireAt: 'ASC', occurrenceKey: 'ASC' } });
  }
}
