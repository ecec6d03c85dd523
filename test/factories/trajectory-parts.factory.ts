import type { PartnerRole } from '@doorloop/domain';
import type { TestRegion } from '../test-region';

/** A partner role that every test region has an organisation in. */
export type RegionPartnerRole = Extract<PartnerRole, keyof TestRegion['organisations']>;

/** The region's organisations as the partners of a trajectory, one for each role named, in that order. */
export function regionPartners(
  region: TestRegion,
  ...roles: RegionPartnerRole[]
): { organisationId: string; role: RegionPartnerRole }[] {
  return roles.map((role) => ({ organisationId: region.organisations[role], role }));
}

/**
 * An open residential placement from `startDate` with the region's youth-care organisation as its provider: with
 * police and school as partners (`regionPartners(region, 'police', 'school')`), each of its evaluations asks these three.
 */
export function youthCarePlacement(
  region: TestRegion,
  startDate: string,
): { type: 'open-residential'; startDate: string; providerOrganisationId: string } {
  return { type: 'open-residential', startDate, providerOrganisationId: region.organisations['youth-care'] };
}
