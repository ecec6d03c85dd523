import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TrajectoryIdentityEntity } from '../entities';

export type StoredIdentity = Omit<TrajectoryIdentityEntity, 'updatedAt'>;

/** The encrypted identifying fields of trajectories: ciphertext in, ciphertext out; it never sees a value. */
@Injectable()
export class TrajectoryIdentityRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(trajectoryId: string): Promise<TrajectoryIdentityEntity | null> {
    return this.dataSource.getRepository(TrajectoryIdentityEntity).findOneBy({ trajectoryId });
  }

  /** Replaces the trajectory's row whole (data key and values together), so a reader never sees half of one. */
  async save(identity: StoredIdentity): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(TrajectoryIdentityEntity)
      .values(identity)
      .orUpdate(['key_id', 'wrapped_key', 'name', 'bsn', 'updated_at'], ['trajectory_id'])
      .execute();
  }

  /** Deletes the row, data key and all: nothing of the values can be read again (crypto-shredding). */
  async delete(trajectoryId: string): Promise<void> {
    await this.dataSource.getRepository(TrajectoryIdentityEntity).delete({ trajectoryId });
  }
}
