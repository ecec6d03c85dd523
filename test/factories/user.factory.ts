import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { UserRole } from '@doorloop/contracts';
import { OrganisationEntity, UserEntity } from '@doorloop/persistence';

/**
 * Inserts a user (the local OIDC issuer signs in whoever is in the users table). Usernames are unique per call unless
 * given, so test files never collide.
 */
export async function createUser(
  dataSource: DataSource,
  user: { role: UserRole; organisationId?: string | null; username?: string; municipalityCodes?: string[] },
): Promise<UserEntity> {
  const organisation = user.organisationId
    ? await dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: user.organisationId })
    : undefined;
  const regionId =
    organisation?.regionId ??
    (await dataSource.query<{ id: string }[]>(`SELECT id FROM regions WHERE code = 'demo'`))[0].id;
  const username = user.username ?? `test-${user.role}-${randomUUID().slice(0, 8)}`;
  return dataSource.getRepository(UserEntity).save({
    username,
    displayName: `Demo ${username}`,
    role: user.role,
    regionId,
    organisationId: user.organisationId ?? null,
    municipalityCodes: user.municipalityCodes ?? [],
  });
}

/**
 * A user who works for `organisationId` with a task-handling role (the coordinator of the coordinating organisation, a
 * partner elsewhere): a demo user when the seed has one, else one made for the test.
 */
export async function userOf(dataSource: DataSource, organisationId: string): Promise<string> {
  const [existing] = await dataSource.query<{ username: string }[]>(
    `SELECT username FROM users WHERE organisation_id = $1 AND role IN ('partner', 'coordinator')
     ORDER BY created_at, username LIMIT 1`,
    [organisationId],
  );
  if (existing) return existing.username;
  const organisation = await dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: organisationId });
  return (
    await createUser(dataSource, {
      role: organisation.role === 'coordinator' ? 'coordinator' : 'partner',
      organisationId,
    })
  ).username;
}
