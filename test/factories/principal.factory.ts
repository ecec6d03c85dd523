import type { DataSource } from 'typeorm';
import { UserEntity } from '@doorloop/persistence';
import type { Principal } from '../../apps/api/src/auth/principal';

/** The principal the auth guard would put on a request of `username` (a user of a test region, or a demo user). */
export async function principalOf(dataSource: DataSource, username: string): Promise<Principal> {
  const user = await dataSource.getRepository(UserEntity).findOneByOrFail({ username });
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    regionId: user.regionId,
    organisationId: user.organisationId,
    municipalityCodes: user.municipalityCodes,
    onBehalfOf: null,
  };
}
