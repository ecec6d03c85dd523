import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PolicyOverride } from '@doorloop/domain';
import type { UserRole } from '@doorloop/contracts';
import { MunicipalityEntity, OrganisationEntity, RegionEntity, UserEntity } from '@doorloop/persistence';

/** The organisations every test region has, by chain role. */
const ORGANISATION_ROLES = [
  'coordinator',
  'police',
  'school',
  'youth-care',
  'adult-care',
  'wmo',
  'debt-counselling',
  'municipality',
] as const;
type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export interface TestRegion {
  id: string;
  /** Unique per region: in names, usernames and mailboxes (`<role>-<suffix>@demo-testregio.test`). */
  suffix: string;
  code: string;
  /** Two municipalities: the director watches the first only. */
  municipalities: [string, string];
  organisations: Record<OrganisationRole, string>;
  /** Usernames: `coordinator`, one partner user per partner organisation (by role), `director`, `admin`, `auditor`. */
  users: Record<
    'coordinator' | 'director' | 'admin' | 'auditor' | Exclude<OrganisationRole, 'coordinator' | 'municipality'>,
    string
  >;
}

/**
 * A region of its own for a test file: its own municipalities, organisations and users (who sign in through the real
 * issuer like the demo users), and optionally its own timing policy. Test files never disturb each other's regions, and
 * a second region is what a scope test needs to prove nothing leaks across.
 */
export async function createTestRegion(dataSource: DataSource, policy?: PolicyOverride): Promise<TestRegion> {
  const suffix = randomBytes(3).toString('hex');
  return dataSource.transaction(async (manager) => {
    const region = await manager.save(RegionEntity, {
      code: `test-${suffix}`,
      name: `Demo Testregio ${suffix}`,
      timingPolicy: (policy ?? null) as Record<string, unknown> | null,
    });
    // CBS-shaped codes from the GM8xxx range, which the demo data leaves free: the next two unused ones.
    const [{ next }]: { next: number }[] = await manager.query(
      `SELECT coalesce(max(substr(code, 3)::int) + 1, 8000) AS next FROM municipalities WHERE code LIKE 'GM8%'`,
    );
    const codes: [string, string] = [`GM${next}`, `GM${next + 1}`];
    await manager.insert(
      MunicipalityEntity,
      codes.map((code, i) => ({ code, name: `Demo Gemeente ${suffix}-${i + 1}`, regionId: region.id })),
    );
    const organisations = {} as Record<OrganisationRole, string>;
    for (const role of ORGANISATION_ROLES) {
      const saved = await manager.save(OrganisationEntity, {
        regionId: region.id,
        name: `Demo ${role} ${suffix}`,
        role,
        municipalityCode: role === 'municipality' ? codes[0] : null,
        notificationEmail: `${role}-${suffix}@demo-testregio.test`,
      });
      organisations[role] = saved.id;
    }
    const users = {} as TestRegion['users'];
    const addUser = async (key: keyof TestRegion['users'], role: UserRole, organisationId: string | null) => {
      const username = `${key}-${suffix}`;
      await manager.insert(UserEntity, {
        username,
        displayName: `Demo ${key} ${suffix}`,
        role,
        regionId: region.id,
        organisationId,
        municipalityCodes: role === 'director' ? [codes[0]] : [],
      });
      users[key] = username;
    };
    await addUser('coordinator', 'coordinator', organisations.coordinator);
    for (const role of ['police', 'school', 'youth-care', 'adult-care', 'wmo', 'debt-counselling'] as const) {
      await addUser(role, 'partner', organisations[role]);
    }
    await addUser('director', 'director', organisations.municipality);
    await addUser('admin', 'admin', null);
    await addUser('auditor', 'auditor', null);
    return { id: region.id, suffix, code: region.code, municipalities: codes, organisations, users };
  });
}
