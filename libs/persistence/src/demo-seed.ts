import type { DataSource, EntityManager } from 'typeorm';
import type { UserRole } from '@doorloop/domain';
import { MunicipalityEntity, OrganisationEntity, RegionEntity, UserEntity } from './entities';

/**
 * Synthetic demo data: every name says "Demo" so nobody mistakes it for a real case or a real organisation. The demo
 * region keeps name and BSN (encrypted) to show that feature; a region keeps none unless it chooses to.
 */
export const DEMO_REGION: Pick<RegionEntity, 'code' | 'name' | 'identifyingFields'> = {
  code: 'demo',
  name: 'Demo Regio',
  identifyingFields: ['name', 'bsn'],
};
export const DEMO_MUNICIPALITIES = [
  { code: 'GM9901', name: 'Demo Gemeente Noord' },
  { code: 'GM9902', name: 'Demo Gemeente Zuid' },
];
/** An organisation of the demo region: `municipalityCode` for a municipality's own organisation. */
export interface DemoOrganisation {
  role: string;
  name: string;
  municipalityCode?: string;
  notificationEmail: string;
}

const organisation = (
  role: string,
  name: string,
  notificationEmail: string,
  municipalityCode?: string,
): DemoOrganisation => ({ role, name, notificationEmail, ...(municipalityCode ? { municipalityCode } : {}) });

/** Each with a synthetic functional mailbox (`.test` is reserved: mail to it can never reach anyone). */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  organisation('coordinator', 'Demo Zorgcoördinatie Mensenhandel', 'zorgcoordinatie@demo-zorgcoordinatie.test'),
  organisation('police', 'Demo Politie', 'politie@demo-politie.test'),
  organisation('school', 'Demo School', 'zorgteam@demo-school.test'),
  organisation('attendance-officer', 'Demo Leerplicht', 'leerplicht@demo-leerplicht.test'),
  organisation('debt-counselling', 'Demo Schuldhulpverlening', 'schuldhulp@demo-schuldhulpverlening.test'),
  organisation('youth-care', 'Demo Jeugdhulp', 'jeugdhulp@demo-jeugdhulp.test'),
  organisation('specialised-care', 'Demo Gespecialiseerde Instelling', 'zorg@demo-gespecialiseerde-instelling.test'),
  organisation('youth-protection', 'Demo Jeugdbescherming', 'gi@demo-jeugdbescherming.test'),
  organisation('adult-care', 'Demo Volwassenenondersteuning', 'begeleiding@demo-volwassenenondersteuning.test'),
  organisation('wmo', 'Demo Wmo-consulentschap', 'wmo@demo-wmo.test'),
  organisation('housing', 'Demo Woningcorporatie', 'wonen@demo-woningcorporatie.test'),
  organisation('municipality', 'Demo Gemeente Noord', 'sociaal-domein@demo-gemeente-noord.test', 'GM9901'),
  organisation('municipality', 'Demo Gemeente Zuid', 'sociaal-domein@demo-gemeente-zuid.test', 'GM9902'),
];
/** A demo user; `organisationRole` picks the organisation from the list above. */
export interface DemoUser {
  username: string;
  displayName: string;
  role: UserRole;
  organisationRole?: string;
  municipalityCodes?: string[];
}

/** A partner's user signs in under the role of the organisation it works for. */
const partnerUser = (organisationRole: string, displayName: string): DemoUser => ({
  username: organisationRole,
  displayName,
  role: 'partner',
  organisationRole,
});

export const DEMO_USERS: DemoUser[] = [
  { username: 'coordinator', displayName: 'Demo Coördinator', role: 'coordinator', organisationRole: 'coordinator' },
  partnerUser('police', 'Demo Politie-medewerker'),
  partnerUser('school', 'Demo Schoolmedewerker'),
  partnerUser('debt-counselling', 'Demo Schuldhulpverlener'),
  partnerUser('youth-care', 'Demo Jeugdhulpverlener'),
  partnerUser('adult-care', 'Demo GGZ-behandelaar'),
  {
    username: 'director',
    displayName: 'Demo Directeur Sociaal Domein',
    role: 'director',
    organisationRole: 'municipality',
    municipalityCodes: ['GM9901'],
  },
  { username: 'admin', displayName: 'Demo Functioneel Beheerder', role: 'admin' },
  { username: 'auditor', displayName: 'Demo Auditor', role: 'auditor' },
];

/**
 * Seeds the demo region once; returns false when it was already there (a second start keeps the data). A region seeded
 * before organisations had mailboxes gets the demo mailboxes it lacks (see `fillDemoNotificationEmails`).
 */
export async function seedDemoData(dataSource: DataSource): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    const existing = await manager.findOneBy(RegionEntity, { code: DEMO_REGION.code });
    if (existing) {
      await fillDemoNotificationEmails(manager, existing.id);
      return false;
    }
    const region = await manager.save(RegionEntity, manager.create(RegionEntity, DEMO_REGION));
    await manager.insert(
      MunicipalityEntity,
      DEMO_MUNICIPALITIES.map((m) => ({ ...m, regionId: region.id })),
    );
    const organisations = await manager.save(
      OrganisationEntity,
      DEMO_ORGANISATIONS.map((o) =>
        manager.create(OrganisationEntity, { ...o, municipalityCode: o.municipalityCode ?? null, regionId: region.id }),
      ),
    );
    await insertUsers(manager, region.id, organisations);
    return true;
  });
}

/**
 * Gives the demo organisations of a region seeded earlier (before migration 1763920000000 added the column) their demo
 * mailbox, matched by name. Here rather than in the migration, so that demo data stays out of the schema history that
 * production runs too, and the list above stays the only one. Only organisations without an address (NULL) are filled:
 * one changed since is kept, and a repeat changes nothing, so this runs on every start.
 */
async function fillDemoNotificationEmails(manager: EntityManager, regionId: string): Promise<void> {
  await manager.query(
    `UPDATE organisations o SET notification_email = demo.email
       FROM unnest($2::text[], $3::text[]) AS demo(name, email)
      WHERE o.region_id = $1 AND o.name = demo.name AND o.notification_email IS NULL`,
    [regionId, DEMO_ORGANISATIONS.map((o) => o.name), DEMO_ORGANISATIONS.map((o) => o.notificationEmail)],
  );
}

async function insertUsers(
  manager: EntityManager,
  regionId: string,
  organisations: OrganisationEntity[],
): Promise<void> {
  const organisationFor = (user: DemoUser): string | null => {
    if (!user.organisationRole) return null;
    const match = organisations.find(
      (o) =>
        o.role === user.organisationRole &&
        (!user.municipalityCodes || user.municipalityCodes.includes(o.municipalityCode ?? '')),
    );
    if (!match) throw new Error(`demo seed: no organisation with role ${user.organisationRole} for ${user.username}`);
    return match.id;
  };
  await manager.insert(
    UserEntity,
    DEMO_USERS.map((user) => ({
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      regionId,
      organisationId: organisationFor(user),
      municipalityCodes: user.municipalityCodes ?? [],
    })),
  );
}
