import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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

  findById(id: string): Promise<TrajectoryEntity | null> {
    return this.dataSource.getRepository(TrajectoryEntity).findOneBy({ id });
  }
}
