import type { DataSource, EntityManager } from 'typeorm';
import { MunicipalityEntity, OrganisationEntity, RegionEntity, UserEntity, type UserRole } from './entities';

/** Synthetic demo data: every name says "Demo" so nobody mistakes it for a real case or a real organisation. */
export const DEMO_REGION = { code: 'demo', name: 'Demo Regio' };
export const DEMO_MUNICIPALITIES = [
  { code: 'GM9901', name: 'Demo Gemeente Noord' },
  { code: 'GM9902', name: 'Demo Gemeente Zuid' },
];
export const DEMO_ORGANISATIONS: { role: string; name: string; municipalityCode?: string }[] = [
  { role: 'coordinator', name: 'Demo Zorgcoördinatie Mensenhandel' },
  { role: 'police', name: 'Demo Politie' },
  { role: 'school', name: 'Demo School' },
  { role: 'attendance-officer', name: 'Demo Leerplicht' },
  { role: 'debt-counselling', name: 'Demo Schuldhulpverlening' },
  { role: 'youth-care', name: 'Demo Jeugdhulp' },
  { role: 'specialised-care', name: 'Demo Gespecialiseerde Instelling' },
  { role: 'youth-protection', name: 'Demo Jeugdbescherming' },
  { role: 'adult-care', name: 'Demo Volwassenen-GGZ' },
  { role: 'wmo', name: 'Demo Wmo-consulentschap' },
  { role: 'housing', name: 'Demo Woningcorporatie' },
  { role: 'municipality', name: 'Demo Gemeente Noord', municipalityCode: 'GM9901' },
  { role: 'municipality', name: 'Demo Gemeente Zuid', municipalityCode: 'GM9902' },
];
/** The demo users; `organisationRole` picks their organisation from the list above. */
export const DEMO_USERS: {
  username: string;
  displayName: string;
  role: UserRole;
  organisationRole?: string;
  municipalityCodes?: string[];
}[] = [
  { username: 'coordinator', displayName: 'Demo Coördinator', role: 'coordinator', organisationRole: 'coordinator' },
  { username: 'police', displayName: 'Demo Politie-medewerker', role: 'partner', organisationRole: 'police' },
  { username: 'school', displayName: 'Demo Schoolmedewerker', role: 'partner', organisationRole: 'school' },
  {
    username: 'debt-counselling',
    displayName: 'Demo Schuldhulpverlener',
    role: 'partner',
    organisationRole: 'debt-counselling',
  },
  { username: 'youth-care', displayName: 'Demo Jeugdhulpverlener', role: 'partner', organisationRole: 'youth-care' },
  { username: 'adult-care', displayName: 'Demo GGZ-behandelaar', role: 'partner', organisationRole: 'adult-care' },
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

/** Seeds the demo region once; returns false when it was already there (a second start keeps the data). */
export async function seedDemoData(dataSource: DataSource): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    if (await manager.existsBy(RegionEntity, { code: DEMO_REGION.code })) return false;
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

async function insertUsers(
  manager: EntityManager,
  regionId: string,
  organisations: OrganisationEntity[],
): Promise<void> {
  const organisationFor = (user: (typeof DEMO_USERS)[number]): string | null => {
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
