import { ReferenceDataRepository, TrajectoryEntity } from '@doorloop/persistence';
import { requestAs, startStack, type Stack, demoRegionId } from './stack';

interface Trajectory {
  id: string;
  status: string;
  revision: number;
  birthDate: string;
  municipalityCode: string;
  transfers: number;
  partners: { organisationId: string; role: string }[];
  placements: { id: string; startDate: string; endDate?: string }[];
  courtMeasures: { id: string; type: string; endDate: string }[];
  closedOn: string | null;
}
interface Milestone {
  kind: string;
  occurrence: number;
  fireDate: string;
  status: string;
}

/** Every change endpoint, over HTTP, against the real workflow: the change lands and the schedule follows. */
describe('trajectory changes through the api', () => {
  let sut: Stack;
  let org: Record<string, string>;
  let trajectory: Trajectory;

  const path = (suffix = '') => `/api/v1/trajectories/${trajectory.id}${suffix}`;
  const milestones = async () =>
    (await requestAs<{ items: Milestone[] }>(sut, 'coordinator', 'GET', path('/milestones'))).body.items;
  const fireDatesOf = async (kind: string) =>
    (await milestones()).filter((m) => m.kind === kind).map((m) => m.fireDate);

  async function change(method: string, suffix: string, body?: unknown) {
    const response = await requestAs<Trajectory & { errors?: { field: string; code: string }[] }>(
      sut,
      'coordinator',
      method,
      path(suffix),
      body,
    );
    if (response.status === 200) trajectory = response.body;
    return response;
  }

  beforeAll(async () => {
    sut = await startStack();
    const organisations = await sut.api.get(ReferenceDataRepository).listOrganisations(await demoRegionId(sut));
    org = Object.fromEntries(organisations.filter((o) => o.role !== 'municipality').map((o) => [o.role, o.id]));
    const created = await requestAs<Trajectory>(sut, 'coordinator', 'POST', '/api/v1/trajectories', {
      pseudonym: 'TRJ-CH4N',
      birthDate: '2010-03-15',
      municipalityCode: 'GM9901',
      partners: [{ organisationId: org.police, role: 'police' }],
      placements: [{ type: 'open-residential', startDate: '2026-06-01', providerOrganisationId: org['youth-care'] }],
      courtMeasures: [{ type: 'ots', startDate: '2026-01-10', endDate: '2027-01-10' }],
    });
    expect(created.status).toBe(201);
    trajectory = created.body;
  });
  afterAll(async () => {
    await sut?.stop();
  });

  it('records a placement change as a transfer with a new evaluation series', async () => {
    const response = await change('POST', '/placements', {
      type: 'foster-family',
      startDate: '2026-10-01',
      providerOrganisationId: org['specialised-care'],
    });
    expect(response.status).toBe(200);
    expect(trajectory.transfers).toBe(1);
    expect(trajectory.placements[0].endDate).toBe('2026-09-30');
    expect(await fireDatesOf('placement-evaluation')).toEqual(expect.arrayContaining(['2027-01-01', '2027-04-01']));
  });

  it('refuses a placement that starts before the current one, naming the field, and changes nothing', async () => {
    const before = trajectory.revision;
    const response = await change('POST', '/placements', {
      type: 'closed',
      startDate: '2026-09-01',
      providerOrganisationId: org['specialised-care'],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining([expect.stringContaining('startDate')]),
    );
    expect(response.body.errors?.map((e) => e.code)).toContain('before-current-placement');
    const stored = await sut.dataSource.getRepository(TrajectoryEntity).findOneByOrFail({ id: trajectory.id });
    expect(stored.factsRevision).toBe(before);
  });

  it('extends a court measure and moves its expiry warning', async () => {
    const ots = trajectory.courtMeasures[0];
    expect(await fireDatesOf('ots-expiry')).toEqual(['2026-10-10']);
    const response = await change('PUT', `/court-measures/${ots.id}`, {
      type: 'ots',
      startDate: '2026-01-10',
      endDate: '2028-01-10',
    });
    expect(response.status).toBe(200);
    expect(await fireDatesOf('ots-expiry')).toEqual(expect.arrayContaining(['2027-10-10']));
  });

  it('adds a court measure', async () => {
    const response = await change('POST', '/court-measures', {
      type: 'custody-order',
      startDate: '2026-06-01',
      endDate: '2027-06-01',
    });
    expect(response.status).toBe(200);
    expect(trajectory.courtMeasures.map((m) => m.type).sort()).toEqual(['custody-order', 'ots']);
  });

  it('moves every age-driven milestone when the birth date is corrected', async () => {
    expect(await fireDatesOf('transition-review')).toEqual(['2027-09-15']);
    const response = await change('POST', '/birth-date-corrections', { birthDate: '2010-05-20' });
    expect(response.status).toBe(200);
    expect(trajectory.birthDate).toBe('2010-05-20');
    expect(await fireDatesOf('transition-review')).toEqual(['2027-11-20']);
    expect(await fireDatesOf('handover')).toEqual(['2028-02-20']);
  });

  it('lets a partner join and leave', async () => {
    expect((await change('POST', '/partners', { organisationId: org.school, role: 'school' })).status).toBe(200);
    expect(trajectory.partners).toEqual(expect.arrayContaining([{ organisationId: org.school, role: 'school' }]));
    expect((await change('DELETE', `/partners/${org.school}?role=school`)).status).toBe(200);
    expect(trajectory.partners).not.toEqual(expect.arrayContaining([{ organisationId: org.school, role: 'school' }]));
    expect((await change('DELETE', `/partners/${org.school}?role=school`)).status).toBe(400);
  });

  it('changes the responsible municipality, within the region only', async () => {
    expect((await change('POST', '/municipality-changes', { municipalityCode: 'GM9902' })).status).toBe(200);
    expect(trajectory.municipalityCode).toBe('GM9902');
    const elsewhere = await change('POST', '/municipality-changes', { municipalityCode: 'GM0363' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors).toEqual([
      expect.objectContaining({ field: 'municipalityCode', code: 'unknown-municipality' }),
    ]);
  });

  it('pauses and resumes, and refuses to pause twice', async () => {
    expect((await change('POST', '/pauses')).status).toBe(200);
    expect(trajectory.status).toBe('paused');
    const twice = await change('POST', '/pauses');
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([expect.objectContaining({ code: 'already-paused' })]);
    expect((await change('POST', '/resumptions')).status).toBe(200);
    expect(trajectory.status).toBe('active');
    expect((await change('POST', '/resumptions')).status).toBe(400);
  });

  it('refuses closure without the exit checklist, naming what is missing', async () => {
    const response = await change('POST', '/closure', { date: '2026-11-23' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'checklist', code: 'checklist-incomplete' }),
    ]);
    expect(trajectory.status).toBe('active');
  });

  it('closes with an override and a reason, and starts the aftercare series', async () => {
    const response = await change('POST', '/closure', {
      date: '2026-11-23',
      checklist: { housing: { status: 'arranged' } },
      override: { reason: 'Demo: verhuisd naar een andere regio, overdracht loopt daar.' },
    });
    expect(response.status).toBe(200);
    expect(trajectory.status).toBe('closed');
    expect(trajectory.closedOn).toBe('2026-11-23');
    expect(await fireDatesOf('aftercare-check-in')).toHaveLength(3);
    expect((await change('POST', '/pauses')).status).toBeGreaterThanOrEqual(400);
  });

  it('answers 404 for a change to a trajectory that does not exist', async () => {
    const response = await requestAs(
      sut,
      'coordinator',
      'POST',
      '/api/v1/trajectories/00000000-0000-4000-8000-00000000dead/pauses',
    );
    expect(response.status).toBe(404);
  });
});
