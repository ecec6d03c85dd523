import type { DataSource } from 'typeorm';
import { UserEntity } from '@doorloop/persistence';
import { principalOf as principalOfUser } from '../../apps/api/src/auth/auth.guard';
import type { Principal } from '../../apps/api/src/auth/principal';

/** The principal the auth guard would put on a request of `username` (a user of a test region, or a demo user). */
export async function principalOf(dataSource: DataSource, username: string): Promise<Principal> {
  return principalOfUser(await dataSource.getRepository(UserEntity).findOneByOrFail({ username }), null);
}
