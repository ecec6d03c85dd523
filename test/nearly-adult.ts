import { requestAs, type Stack } from './stack';
import { bornAgo, plusDays, plusMonths, today } from './dates';
import type { TestRegion } from './test-region';
import { validBody } from './valid-bodies';

export interface FiredTask {
  id: string;
  trajectoryId: string;
  kind: string;
  organisationId: string;
  handoverId: string | null;
}
export interface Handover {
  id: string;
  sendingOrganisationId: string;
  receivingOrganisationId: string;
}
export interface NearlyAdult {
  id: string;
  pseudonym: string;
  courtMeasureId: string;
  tasks: FiredTask[];
  handover: Handover;
}

/**
 * A trajectory of a young person a month short of 18 in `region`, with youth care, adult care and school as partners
 * and an OTS measure: its transition milestones fire at once, so it has real tasks and a real handover (youth care to
 * adult care) to probe. Waits until the handover is there.
 */
export async function startNearlyAdult(
  sut: Stack,
  region: TestRegion,
  pseudonym: string,
  municipalityCode: string = region.municipalities[0],
): Promise<NearlyAdult> {
  const created = await requestAs<{ id: string; courtMeasures: { id: string }[] }>(
    sut,
    region.users.coordinator,
    'POST',
    '/api/v1/trajectories',
    {
      pseudonym,
      birthDate: bornAgo(17, 11),
      municipalityCode,
      partners: [
        { organisationId: region.organisations['youth-care'], role: 'youth-care' },
        { organisationId: region.organisations['adult-care'], role: 'adult-care' },
        { organisationId: region.organisations.school, role: 'school' },
      ],
      courtMeasures: [{ type: 'ots', startDate: today(), endDate: plusMonths(today(), 6) }],
    },
  );
  if (created.status !== 201) throw new Error(`Could not start ${pseudonym}: ${JSON.stringify(created.body)}`);
  const { id } = created.body;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await requestAs<{ items: FiredTask[] }>(
      sut,
      region.users.coordinator,
      'GET',
      `/api/v1/tasks?trajectoryId=${id}&limit=200`,
    );
    const handoverId = body.items.find((t) => t.handoverId !== null)?.handoverId;
    if (handoverId) {
      const handover = await requestAs<Handover>(
        sut,
        region.users.coordinator,
        'GET',
        `/api/v1/handovers/${handoverId}`,
      );
      return {
        id,
        pseudonym,
        courtMeasureId: created.body.courtMeasures[0].id,
        tasks: body.items,
        handover: handover.body,
      };
    }
    if (Date.now() > deadline) throw new Error(`No handover fired for ${pseudonym} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Issue 13's objects on a trajectory for the routes that name them: a placement (begun a month ago, so that a placement
 * of today follows it) and an open missing episode, recorded with the valid bodies by the region's coordinator.
 */
export async function placeAndGoMissing(
  sut: Stack,
  region: TestRegion,
  trajectoryId: string,
): Promise<{ placementId: string; episodeId: string }> {
  const as = (suffix: string, body: unknown) =>
    requestAs<{ placements: { id: string }[]; missingEpisodes: { id: string }[] }>(
      sut,
      region.users.coordinator,
      'POST',
      `/api/v1/trajectories/${trajectoryId}${suffix}`,
      body,
    );
  const placement = validBody('POST /trajectories/{id}/placements', region) as object;
  const placed = await as('/placements', { ...placement, startDate: plusDays(today(), -30) });
  const missing = await as('/missing-episodes', validBody('POST /trajectories/{id}/missing-episodes', region));
  if (placed.status !== 200 || missing.status !== 200) {
    throw new Error(`Could not place ${trajectoryId} or record her missing: ${JSON.stringify([placed, missing])}`);
  }
  return { placementId: placed.body.placements[0].id, episodeId: missing.body.missingEpisodes[0].id };
}
