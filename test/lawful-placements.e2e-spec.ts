import { dayOfMonthFromNow, plusDays, plusMonths, plusYears, today } from './dates';
import { eventually } from './eventually';
import { openTrajectory } from './open-trajectory';
import { pseudonym } from './pseudonyms';
import { requestAs, startStack, type Stack } from './stack';
import { createTestRegion, type TestRegion } from './test-region';
import { allTasksOf } from './trajectory-tasks';

// Placements and court measures that are lawful and legible (issue 13), over HTTP against the real workflow. Expected
// dates are worked out here with the calendar oracle of test/dates.ts (a placement's end date is its last day; closed
// care ends at the latest on the day 18 + 6 months; a machtiging of 1 year may end on its anniversary, of 4 weeks on
// its start + 28 days), never read from the code under test. Fixtures sit on day 5 or 10 of a month: no clamping.

interface Placement {
  id: string;
  type: string;
  startDate: string;
  endDate?: string;
  treatmentStartDate?: string;
  changeReason?: string;
  overridden?: boolean;
}
interface Trajectory {
  id: string;
  revision: number;
  transfers: number;
  transfersByReason: { quality: number; total: number; byReason: Record<string, number> };
  placements: Placement[];
  courtMeasures: { id: string; type: string; subtype?: string; endDate: string; overridden?: boolean }[];
  missingEpisodes: { id: string; returnedAt: string | null; policeReportMade: boolean; lastSeen?: string | null }[];
  overrides?: { subject: string; subjectId: string; rules: string[]; reason: string }[];
}
interface Problem {
  status: number;
  errors?: { field: string; code: string }[];
}
interface Task {
  kind: string;
  organisationId: string;
  role: string;
  dueDate: string;
  late: boolean;
  status: string;
}
interface Milestone {
  kind: string;
  fireDate: string;
  status: string;
}

describe('lawful and legible placements through the api (issue 13)', () => {
  let sut: Stack;
  let region: TestRegion;
  const coordinator = () => region.users.coordinator;
  const provider = () => region.organisations['youth-care'];

  const as = <T>(method: string, path: string, body?: unknown) =>
    requestAs<T>(sut, coordinator(), method, `/api/v1${path}`, body);
  const read = async (id: string) => (await as<Trajectory>('GET', `/trajectories/${id}`)).body;
  const fields = (response: { body: unknown }) =>
    ((response.body as Problem).errors ?? []).map((e) => `${e.field}:${e.code}`).sort();
  const open = (birthDate: string, extra: Record<string, unknown> = {}, municipality = 1) =>
    openTrajectory(sut, coordinator(), {
      pseudonym: pseudonym(),
      birthDate,
      municipalityCode: region.municipalities[municipality],
      partners: [{ organisationId: region.organisations.police, role: 'police' }],
      ...extra,
    });
  const auditActionsOf = async (trajectoryId: string, route: string) =>
    (
      await sut.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_records WHERE trajectory_id = $1 AND route = $2 AND outcome = 'success'
          ORDER BY sequence`,
        [trajectoryId, route],
      )
    ).map((r) => r.action);
  const overrideRows = async (trajectoryId: string) =>
    sut.dataSource.query<{ subject: string; rules: string[]; reason: string }[]>(
      `SELECT subject, rules, reason FROM legal_overrides WHERE trajectory_id = $1 ORDER BY recorded_at`,
      [trajectoryId],
    );

  beforeAll(async () => {
    sut = await startStack();
    region = await createTestRegion(sut.dataSource);
  });
  afterAll(async () => {
    await sut?.stop();
  });

  describe('court measures: subtypes and their legal maximum durations', () => {
    const start = dayOfMonthFromNow(-1, 10);
    let id: string;
    beforeAll(async () => {
      id = await open(dayOfMonthFromNow(-15 * 12, 5));
    });

    it.each([
      // [type, subtype, the last end date the law allows (hand-computed), the first it refuses]
      ['closed-care-authorisation', 'normal', plusYears(start, 1), plusDays(plusYears(start, 1), 1)],
      ['closed-care-authorisation', 'conditional', plusYears(start, 1), plusDays(plusYears(start, 1), 1)],
      ['closed-care-authorisation', 'emergency', plusDays(start, 28), plusDays(start, 29)],
      ['custody-order', 'normal', plusYears(start, 1), plusDays(plusYears(start, 1), 1)],
      ['custody-order', 'emergency', plusDays(start, 28), plusDays(start, 29)],
    ])('a %s (%s) may end on %s, not a day later', async (type, subtype, lastLawful, firstUnlawful) => {
      const measure = (endDate: string) =>
        as<Trajectory>('POST', `/trajectories/${id}/court-measures`, { type, subtype, startDate: start, endDate });
      const before = (await read(id)).revision;
      const refused = await measure(firstUnlawful);
      expect(refused.status).toBe(400);
      expect(fields(refused)).toEqual(['endDate:exceeds-legal-maximum']);
      expect((await read(id)).revision).toBe(before);
      const accepted = await measure(lastLawful);
      expect(accepted.status).toBe(200);
      expect(accepted.body.courtMeasures.at(-1)).toMatchObject({ type, subtype, endDate: lastLawful });
      expect(accepted.body.courtMeasures.at(-1)?.overridden).toBeUndefined();
    });

    it('a measure without a subtype is a normal one; a subtype its type does not have is refused, override or not', async () => {
      const normal = await as<Problem>('POST', `/trajectories/${id}/court-measures`, {
        type: 'custody-order',
        startDate: start,
        endDate: plusDays(plusYears(start, 1), 1),
      });
      expect(fields(normal)).toEqual(['endDate:exceeds-legal-maximum']);
      for (const [type, subtype] of [
        ['custody-order', 'conditional'],
        ['ots', 'emergency'],
      ]) {
        const wrong = await as<Problem>('POST', `/trajectories/${id}/court-measures`, {
          type,
          subtype,
          startDate: start,
          endDate: plusMonths(start, 3),
          override: { reason: 'Demo: geen reden' },
        });
        expect([wrong.status, fields(wrong)]).toEqual([400, ['subtype:subtype-not-for-type']]);
      }
      expect(await overrideRows(id)).toEqual([]);
    });
  });

  describe('closed care within the law', () => {
    // She turned 18 two months ago (day 10); closed care ends at the latest on 18 + 6 months.
    const birthDate = dayOfMonthFromNow(-(18 * 12 + 2), 10);
    const adulthood = plusYears(birthDate, 18);
    const limit = plusMonths(adulthood, 6);
    const placedBefore18 = plusMonths(adulthood, -1);
    /** Closed care from before 18, treated from its start, to the day 18 + 6 months: one day too long. */
    const closedToTheLimit = () => ({
      type: 'closed',
      startDate: placedBefore18,
      treatmentStartDate: placedBefore18,
      endDate: limit,
      providerOrganisationId: provider(),
      changeReason: 'safety',
    });
    let id: string;
    beforeAll(async () => {
      id = await open(birthDate);
    });

    it('refuses a closed placement that starts after 18, naming field and rule, and stores nothing', async () => {
      const before = await read(id);
      const response = await as<Problem>('POST', `/trajectories/${id}/placements`, {
        type: 'closed',
        startDate: today(),
        providerOrganisationId: provider(),
        changeReason: 'safety',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(fields(response)).toEqual(['startDate:closed-care-starts-after-18']);
      expect((await read(id)).revision).toBe(before.revision);
    });

    it('refuses closed care running to 18 + 6 months (its last day must lie before), and past 18 without treatment before 18', async () => {
      const placement = closedToTheLimit();
      expect(fields(await as('POST', `/trajectories/${id}/placements`, placement))).toEqual([
        'endDate:closed-care-past-limit',
      ]);
      const untreated = { ...placement, endDate: plusDays(limit, -1), treatmentStartDate: adulthood };
      expect(fields(await as('POST', `/trajectories/${id}/placements`, untreated))).toEqual([
        'treatmentStartDate:closed-care-without-treatment-before-18',
      ]);
      const authorised = { ...placement, endDate: plusDays(limit, -1), authorisationEndDate: plusDays(limit, 1) };
      expect(fields(await as('POST', `/trajectories/${id}/placements`, authorised))).toEqual([
        'authorisationEndDate:closed-care-past-limit',
      ]);
      expect(await overrideRows(id)).toEqual([]);
    });

    it('accepts it with an override: kept with its reason and rules, marked on the fact, shown, audited as override', async () => {
      const reason = 'Demo: rechter verlengt tot de overdracht';
      const response = await as<Trajectory>('POST', `/trajectories/${id}/placements`, {
        ...closedToTheLimit(),
        override: { reason },
      });
      expect(response.status).toBe(200);
      const placement = response.body.placements.at(-1);
      expect(placement).toMatchObject({ endDate: limit, overridden: true, changeReason: 'safety' });
      expect(await overrideRows(id)).toEqual([{ subject: 'placement', rules: ['closed-care-past-limit'], reason }]);
      expect((await read(id)).overrides).toEqual([
        expect.objectContaining({
          subject: 'placement',
          subjectId: placement?.id,
          rules: ['closed-care-past-limit'],
          reason,
        }),
      ]);
      expect(await auditActionsOf(id, 'POST /trajectories/{id}/placements')).toEqual(['override']);
    });

    it('records no override on a fact that breaks no rule', async () => {
      const response = await as<Trajectory>('POST', `/trajectories/${id}/court-measures`, {
        type: 'ots',
        startDate: today(),
        endDate: plusMonths(today(), 6),
        override: { reason: 'Demo: voor de zekerheid' },
      });
      expect(response.status).toBe(200);
      expect(response.body.courtMeasures.at(-1)?.overridden).toBeUndefined();
      expect(await overrideRows(id)).toHaveLength(1);
      expect(await auditActionsOf(id, 'POST /trajectories/{id}/court-measures')).toEqual(['change']);
    });

    it('refuses a closed-care authorisation past 18 + 6 months, and a new trajectory that breaks a rule', async () => {
      const authorisation = await as('POST', `/trajectories/${id}/court-measures`, {
        type: 'closed-care-authorisation',
        startDate: plusMonths(today(), -1),
        endDate: plusDays(limit, 1),
      });
      expect(fields(authorisation)).toEqual(['endDate:closed-care-past-limit']);
      const started = await requestAs<Problem>(sut, coordinator(), 'POST', '/api/v1/trajectories', {
        pseudonym: pseudonym(),
        birthDate,
        municipalityCode: region.municipalities[1],
        placements: [{ type: 'closed', startDate: today(), providerOrganisationId: provider() }],
      });
      expect([started.status, fields(started)]).toEqual([400, ['placements[0].startDate:closed-care-starts-after-18']]);
    });
  });

  describe('treatment', () => {
    it('a closed placement without treatment has its task 6 weeks after its start; recording treatment avoids it', async () => {
      const start = plusDays(today(), -14);
      const id = await open(dayOfMonthFromNow(-15 * 12, 5), {
        placements: [{ type: 'closed', startDate: start, providerOrganisationId: provider() }],
      });
      const milestones = async () =>
        (await as<{ items: Milestone[] }>('GET', `/trajectories/${id}/milestones`)).body.items.filter(
          (m) => m.kind === 'treatment-start',
        );
      expect((await eventually(milestones, (m) => m.length > 0)).map((m) => [m.fireDate, m.status])).toEqual([
        [plusDays(start, 42), 'upcoming'],
      ]);
      const placementId = (await read(id)).placements[0].id;
      const response = await as<Trajectory>('POST', `/trajectories/${id}/placements/${placementId}/treatment-start`, {
        treatmentStartDate: plusDays(today(), -2),
      });
      expect(response.status).toBe(200);
      expect(response.body.placements[0].treatmentStartDate).toBe(plusDays(today(), -2));
      expect(await eventually(milestones, (m) => m.length === 0)).toEqual([]);
      const unknown = await as('POST', `/trajectories/${id}/placements/no-such-placement/treatment-start`, {
        treatmentStartDate: today(),
      });
      expect(unknown.status).toBe(404);
      const future = await as('POST', `/trajectories/${id}/placements/${placementId}/treatment-start`, {
        treatmentStartDate: plusDays(today(), 1),
      });
      expect(fields(future)).toEqual(['treatmentStartDate:in-future']);
    });

    it('without treatment after 6 weeks the task fires to the coordinator, due a week later', async () => {
      const id = await open(dayOfMonthFromNow(-15 * 12, 5), {
        placements: [{ type: 'closed', startDate: plusDays(today(), -50), providerOrganisationId: provider() }],
      });
      const tasks = await eventually(
        () => allTasksOf<Task>(sut, coordinator(), id),
        (all) => all.some((t) => t.kind === 'treatment-start'),
      );
      expect(tasks.filter((t) => t.kind === 'treatment-start').map((t) => [t.organisationId, t.dueDate])).toEqual([
        [region.organisations.coordinator, plusDays(today(), 7)],
      ]);
    });
  });

  describe('missing episodes', () => {
    let id: string;
    let episodeId: string;
    const tasksOf = (kind: string) => async () =>
      (await allTasksOf<Task>(sut, coordinator(), id)).filter((t) => t.kind === kind);

    beforeAll(async () => {
      id = await open(dayOfMonthFromNow(-16 * 12, 5));
    });

    it('fires tasks at once to police and the coordinator, due the same day and not late', async () => {
      const response = await as<Trajectory>('POST', `/trajectories/${id}/missing-episodes`, {
        since: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        lastSeen: 'Demo: station Noord',
        policeReportMade: true,
      });
      expect(response.status).toBe(200);
      expect(response.body.missingEpisodes).toEqual([
        expect.objectContaining({ returnedAt: null, policeReportMade: true, lastSeen: 'Demo: station Noord' }),
      ]);
      episodeId = response.body.missingEpisodes[0].id;
      const tasks = await eventually(tasksOf('missing-episode'), (t) => t.length === 2);
      expect(tasks.map((t) => [t.organisationId, t.dueDate, t.late]).sort()).toEqual(
        [
          [region.organisations.police, today(), false],
          [region.organisations.coordinator, today(), false],
        ].sort(),
      );
    });

    it('refuses a second episode while she is missing, and a return of an episode that is not hers', async () => {
      const again = await as('POST', `/trajectories/${id}/missing-episodes`, {
        since: new Date(Date.now() - 60_000).toISOString(),
        policeReportMade: false,
      });
      expect(fields(again)).toEqual(['since:already-missing']);
      const future = await as('POST', `/trajectories/${id}/missing-episodes`, {
        since: new Date(Date.now() + 3_600_000).toISOString(),
        policeReportMade: false,
      });
      expect(fields(future)).toEqual(['since:in-future']);
      const unknown = await as('POST', `/trajectories/${id}/missing-episodes/${id}/return`);
      expect(unknown.status).toBe(404);
      expect((await read(id)).missingEpisodes).toHaveLength(1);
    });

    it('her return closes the episode and fires a safety assessment to the coordinator, due in 3 days', async () => {
      const response = await as<Trajectory>('POST', `/trajectories/${id}/missing-episodes/${episodeId}/return`);
      expect(response.status).toBe(200);
      expect(response.body.missingEpisodes[0].returnedAt).not.toBeNull();
      const tasks = await eventually(tasksOf('safety-assessment'), (t) => t.length === 1);
      expect(tasks.map((t) => [t.organisationId, t.dueDate, t.late])).toEqual([
        [region.organisations.coordinator, plusDays(today(), 3), false],
      ]);
      const twice = await as('POST', `/trajectories/${id}/missing-episodes/${episodeId}/return`);
      expect(fields(twice)).toEqual(['episodeId:already-returned']);
    });
  });

  describe('why a placement changed', () => {
    it('requires changeReason, and the text of other', async () => {
      const id = await open(dayOfMonthFromNow(-15 * 12, 5));
      const placement = { type: 'ambulant', startDate: today(), providerOrganisationId: provider() };
      expect(fields(await as('POST', `/trajectories/${id}/placements`, placement))).toEqual([
        'changeReason:invalid-value',
      ]);
      expect(
        fields(await as('POST', `/trajectories/${id}/placements`, { ...placement, changeReason: 'other' })),
      ).toEqual(['changeReasonText:required']);
      expect((await read(id)).placements).toEqual([]);
    });

    it('splits transfers by reason on the trajectory and the dashboard; only breakdown, safety, absconding (and none given) are the signal', async () => {
      const ambulant = (startDate: string, changeReason: string, more: object = {}) =>
        as<Trajectory>('POST', `/trajectories/${id}/placements`, {
          type: 'ambulant',
          startDate,
          providerOrganisationId: provider(),
          changeReason,
          ...more,
        });
      // A change from before reasons existed: two placements at the start carry none.
      const id = await open(
        dayOfMonthFromNow(-15 * 12, 5),
        {
          placements: [
            {
              type: 'open-residential',
              startDate: dayOfMonthFromNow(-5, 5),
              endDate: dayOfMonthFromNow(-4, 4),
              providerOrganisationId: provider(),
            },
            { type: 'foster-family', startDate: dayOfMonthFromNow(-4, 5), providerOrganisationId: provider() },
          ],
        },
        0,
      );
      expect((await ambulant(dayOfMonthFromNow(-3, 5), 'step-down')).status).toBe(200);
      expect((await ambulant(dayOfMonthFromNow(-2, 5), 'breakdown')).status).toBe(200);
      expect((await ambulant(dayOfMonthFromNow(-1, 5), 'other', { changeReasonText: 'Demo: verhuizing' })).status).toBe(
        200,
      );
      const missing = await as('POST', `/trajectories/${id}/missing-episodes`, {
        since: new Date(Date.now() - 3_600_000).toISOString(),
        policeReportMade: false,
      });
      expect(missing.status).toBe(200);
      const byReason = { 'step-down': 1, breakdown: 1, safety: 0, absconded: 0, other: 1, unspecified: 1 };
      const trajectory = await read(id);
      expect(trajectory.transfers).toBe(4);
      expect(trajectory.transfersByReason).toEqual({ quality: 2, total: 4, byReason });
      const dashboard = await requestAs<{
        municipalities: {
          code: string;
          transfersLast12Months: number;
          transfersByReasonLast12Months: Record<string, number>;
          missingEpisodes: { open: number; last12Months: number };
        }[];
      }>(sut, region.users.director, 'GET', '/api/v1/dashboard');
      expect(dashboard.status).toBe(200);
      expect(dashboard.body.municipalities.find((m) => m.code === region.municipalities[0])).toMatchObject({
        transfersLast12Months: 2,
        transfersByReasonLast12Months: byReason,
        missingEpisodes: { open: 1, last12Months: 1 },
      });
    });
  });

  it('a pause needs a reason; missing is none', async () => {
    const id = await open(dayOfMonthFromNow(-15 * 12, 5));
    expect(fields(await as('POST', `/trajectories/${id}/pauses`, { reason: 'missing' }))).toEqual([
      'reason:invalid-value',
    ]);
    expect(fields(await as('POST', `/trajectories/${id}/pauses`, {}))).toEqual(['reason:invalid-value']);
    const paused = await as<{ status: string }>('POST', `/trajectories/${id}/pauses`, {
      reason: 'other',
      reasonText: 'Demo: logeert bij familie',
    });
    expect([paused.status, paused.body.status]).toEqual([200, 'paused']);
    const notes = await sut.dataSource.query<{ subject: string; note: string }[]>(
      `SELECT subject, note FROM placement_notes WHERE trajectory_id = $1`,
      [id],
    );
    expect(notes).toEqual([{ subject: 'pause', note: 'Demo: logeert bij familie' }]);
  });
});
