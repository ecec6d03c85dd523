import { ReferenceDataRepository, TrajectoryEntity } from '@doorloop/persistence';
import { requestAs, startStack, type Stack, demoRegionId } from './stack';
import { dayOfMonthFromNow, plusDays, plusMonths, plusYears, today } from './dates';

// The scenario, anchored on today: the young person turns 18 in about 16 months, lives in a placement that began five
// months ago and moved last month, and has an OTS that ends in about two months (its warning has already fired).
const EIGHTEENTH = dayOfMonthFromNow(16, 15);
const BIRTH_DATE = plusYears(EIGHTEENTH, -18);
const CORRECTED_BIRTH_DATE = plusDays(plusMonths(BIRTH_DATE, 2), 5);
const FIRST_PLACEMENT = dayOfMonthFromNow(-5, 1);
const SECOND_PLACEMENT = dayOfMonthFromNow(-1, 1);
const OTS_START = dayOfMonthFromNow(-10, 10);
const OTS_END = plusYears(OTS_START, 1);
const OTS_EXTENDED_END = plusYears(OTS_END, 1);

interface Trajectory {
  id: string;
  status: string;
  revision: number;
  birthDate: string;
  municipalityCode: string;
  transfers: number;
  partners: { organisationId: string; role: string }[];
  placements: { id: string; startDate: string; endDate?: string; changeReason?: string }[];
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
      birthDate: BIRTH_DATE,
      municipalityCode: 'GM9901',
      partners: [{ organisationId: org.police, role: 'police' }],
      placements: [{ type: 'open-residential', startDate: FIRST_PLACEMENT, providerOrganisationId: org['youth-care'] }],
      courtMeasures: [{ type: 'ots', startDate: OTS_START, endDate: OTS_END }],
    });
    expect(created.status).toBe(201);
    trajectory = created.body;
  });
  afterAll(async () => {
    await sut?.stop();
  });

  it('refuses a placement change without its reason, naming changeReason, and changes nothing', async () => {
    const before = trajectory.revision;
    const response = await change('POST', '/placements', {
      type: 'foster-family',
      startDate: SECOND_PLACEMENT,
      providerOrganisationId: org['specialised-care'],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((e) => e.field)).toEqual(['changeReason']);
    const stored = await sut.dataSource.getRepository(TrajectoryEntity).findOneByOrFail({ id: trajectory.id });
    expect(stored.factsRevision).toBe(before);
  });

  it('records a placement change as a transfer with a new evaluation series', async () => {
    const response = await change('POST', '/placements', {
      type: 'foster-family',
      startDate: SECOND_PLACEMENT,
      providerOrganisationId: org['specialised-care'],
      changeReason: 'breakdown',
    });
    expect(response.status).toBe(200);
    expect(trajectory.transfers).toBe(1);
    expect(trajectory.placements[1].changeReason).toBe('breakdown');
    expect(trajectory.placements[0].endDate).toBe(plusDays(SECOND_PLACEMENT, -1));
    expect(await fireDatesOf('placement-evaluation')).toEqual(
      expect.arrayContaining([plusMonths(SECOND_PLACEMENT, 3), plusMonths(SECOND_PLACEMENT, 6)]),
    );
  });

  it('refuses a placement that starts before the current one, naming the field, and changes nothing', async () => {
    const before = trajectory.revision;
    const response = await change('POST', '/placements', {
      type: 'closed',
      startDate: plusMonths(SECOND_PLACEMENT, -1),
      providerOrganisationId: org['specialised-care'],
      changeReason: 'safety',
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
    expect(await fireDatesOf('ots-expiry')).toEqual([plusMonths(OTS_END, -3)]);
    const response = await change('PUT', `/court-measures/${ots.id}`, {
      type: 'ots',
      startDate: OTS_START,
      endDate: OTS_EXTENDED_END,
    });
    expect(response.status).toBe(200);
    expect(await fireDatesOf('ots-expiry')).toEqual(expect.arrayContaining([plusMonths(OTS_EXTENDED_END, -3)]));
  });

  it('adds a court measure', async () => {
    const response = await change('POST', '/court-measures', {
      type: 'custody-order',
      startDate: FIRST_PLACEMENT,
      endDate: plusYears(FIRST_PLACEMENT, 1),
    });
    expect(response.status).toBe(200);
    expect(trajectory.courtMeasures.map((m) => m.type).sort()).toEqual(['custody-order', 'ots']);
  });

  it('moves every age-driven milestone when the birth date is corrected', async () => {
    expect(await fireDatesOf('transition-review')).toEqual([plusMonths(EIGHTEENTH, -6)]);
    const response = await change('POST', '/birth-date-corrections', { birthDate: CORRECTED_BIRTH_DATE });
    expect(response.status).toBe(200);
    expect(trajectory.birthDate).toBe(CORRECTED_BIRTH_DATE);
    expect(await fireDatesOf('transition-review')).toEqual([plusMonths(plusYears(CORRECTED_BIRTH_DATE, 18), -6)]);
    expect(await fireDatesOf('handover')).toEqual([plusMonths(plusYears(CORRECTED_BIRTH_DATE, 18), -3)]);
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

  it('pauses with a reason and resumes, and refuses a pause without a reason or twice', async () => {
    const without = await change('POST', '/pauses');
    expect(without.status).toBe(400);
    expect(trajectory.status).toBe('active');
    const missing = await change('POST', '/pauses', { reason: 'missing' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.map((e) => e.field)).toEqual(['reason']);
    expect((await change('POST', '/pauses', { reason: 'other' })).body.errors?.map((e) => e.field)).toEqual([
      'reasonText',
    ]);
    expect((await change('POST', '/pauses', { reason: 'hospital' })).status).toBe(200);
    expect(trajectory.status).toBe('paused');
    const twice = await change('POST', '/pauses', { reason: 'detention' });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([expect.objectContaining({ code: 'already-paused' })]);
    expect((await change('POST', '/resumptions')).status).toBe(200);
    expect(trajectory.status).toBe('active');
    expect((await change('POST', '/resumptions')).status).toBe(400);
  });

  it('refuses closure without the exit checklist, naming what is missing', async () => {
    const response = await change('POST', '/closure', { date: today() });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'checklist', code: 'checklist-incomplete' }),
    ]);
    expect(trajectory.status).toBe('active');
  });

  it('closes with an override and a reason, and starts the aftercare series', async () => {
    const response = await change('POST', '/closure', {
      date: today(),
      checklist: { housing: { status: 'arranged' } },
      override: { reason: 'Demo: verhuisd naar een andere regio, overdracht loopt daar.' },
    });
    expect(response.status).toBe(200);
    expect(trajectory.status).toBe('closed');
    expect(trajectory.closedOn).toBe(today());
    expect(await fireDatesOf('aftercare-check-in')).toHaveLength(3);
    expect((await change('POST', '/pauses', { reason: 'abroad' })).status).toBeGreaterThanOrEqual(400);
  });
});
