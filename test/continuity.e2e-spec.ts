import { PRE_ADULTHOOD_KINDS } from '@doorloop/domain';
import { TaskEntity } from '@doorloop/persistence';
import { OversightService } from '../apps/api/src/oversight/oversight.service';
import type { Principal } from '../apps/api/src/auth/principal';
import { amsterdam, legalBirthday } from '../libs/domain/test/calendar-oracle';
import { bornAgo, plusDays, plusMonths, today } from './dates';
import { eventually } from './eventually';
import { openTrajectory } from './open-trajectory';
import { pseudonym } from './pseudonyms';
import { requestsAs, stackForAllTests } from './stack';
import { createTestRegion, type TestRegion } from './test-region';
import { allTasksOf } from './trajectory-tasks';

interface Task {
  id: string;
  kind: string;
  status: string;
  organisationId: string;
  occurrenceKey?: string;
  dueAt: string;
  fireAt: string;
  handoverId: string | null;
}
interface Trajectory {
  id: string;
  status: string;
  partners: { organisationId: string; role: string }[];
  legalBases: { basis: string; providerOrganisationId?: string; from: string; until?: string }[];
  continuation: { continuation: string; basis: string; providerOrganisationId: string | null } | null;
  allowedBases?: string[];
}
interface Milestone {
  kind: string;
  occurrence: number;
  status: string;
  assignees: { organisationId: string }[];
}
interface Problem {
  code: string;
  errors: { field: string; code: string }[];
}
interface Overdue {
  items: { trajectoryId: string; status: string; reason: string | null; rejectedAt: string | null; kind: string }[];
}

const PRE_18: readonly string[] = PRE_ADULTHOOD_KINDS;
const participation = { how: 'present', ownWords: 'Demo: ik wil bij mijn begeleider blijven.', agrees: 'yes' };

/**
 * Continuity at 18 (issue 12) through the api on the real stack: the default policy, with birth dates chosen so that
 * what the rules fire is due now (a late registration, a decision, a rejection) and comes at once.
 */
describe('continuity at 18', () => {
  const sut = stackForAllTests();
  const as = requestsAs(sut);
  let region: TestRegion;
  let coordinator: string;

  beforeAll(async () => {
    region = await createTestRegion(sut().dataSource);
    coordinator = region.users.coordinator;
  });

  const open = (birthDate: string, partners: string[], municipality = 0) =>
    openTrajectory(sut(), coordinator, {
      pseudonym: pseudonym(),
      birthDate,
      municipalityCode: region.municipalities[municipality],
      partners: partners.map((role) => ({ organisationId: region.organisations[role as 'police'], role })),
    });
  const tasksOf = (id: string) => allTasksOf<Task>(sut(), coordinator, id);
  const tasksUntil = (id: string, done: (tasks: Task[]) => boolean) => eventually(() => tasksOf(id), done, 30_000);
  const kinds = (tasks: Task[]) => [...new Set(tasks.map((t) => t.kind))].sort();
  const trajectory = async (id: string) =>
    (await as<Trajectory>(coordinator, 'GET', `/api/v1/trajectories/${id}`)).body;
  const milestones = async (id: string) =>
    (await as<{ items: Milestone[] }>(coordinator, 'GET', `/api/v1/trajectories/${id}/milestones`)).body.items;
  const complete = <T = unknown>(task: Task, username: string, outcome: unknown) =>
    as<T>(username, 'POST', `/api/v1/tasks/${task.id}/completion`, { outcome });

  it('registered at 19: no pre-18 milestone, an adult intake for the coordinator and the partners, never overdue when it fires', async () => {
    const id = await open(bornAgo(19), ['police', 'wmo']);
    const tasks = await tasksUntil(id, (t) => t.some((task) => task.kind === 'adult-intake') && t.length >= 3);
    expect(kinds(tasks)).toEqual(['adult-intake']);
    expect(tasks.map((t) => t.organisationId).sort()).toEqual(
      [region.organisations.coordinator, region.organisations.police, region.organisations.wmo].sort(),
    );
    for (const task of tasks) expect(Date.parse(task.dueAt)).toBeGreaterThan(Date.now());
    expect((await milestones(id)).filter((m) => PRE_18.includes(m.kind))).toEqual([]);
    const overdue = await as<Overdue>(coordinator, 'GET', '/api/v1/overdue-handovers');
    expect(overdue.body.items.filter((item) => item.trajectoryId === id)).toEqual([]);
  });

  it('same provider under verlengde-jeugdhulp: no handover, the municipality extends the indication, the legal basis is set', async () => {
    // 17 years and 8 months: the decision (18 − 5 months) fires at once, the handover (18 − 3 months) is a month away.
    const id = await open(bornAgo(17, 8), ['youth-care', 'wmo']);
    const [decision] = (await tasksUntil(id, (t) => t.some((task) => task.kind === 'continuation-decision'))).filter(
      (t) => t.kind === 'continuation-decision',
    );
    expect(decision.organisationId).toBe(region.organisations.coordinator);
    // The agenda is projected after the fires, by a later activity: wait for it rather than race it.
    const upcoming = (rows: Milestone[]) => rows.some((m) => m.kind === 'handover' && m.status === 'upcoming');
    expect(upcoming(await eventually(() => milestones(id), upcoming, 10_000))).toBe(true);

    const wrong = await complete<Problem>(decision, coordinator, {
      continuation: 'same-provider',
      basis: 'none',
      providerOrganisationId: region.organisations['youth-care'],
      participation,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e) => [e.field, e.code])).toEqual([['outcome.basis', 'basis-not-for-age']]);
    expect((await sut().dataSource.getRepository(TaskEntity).findOneByOrFail({ id: decision.id })).status).toBe('open');
    expect((await trajectory(id)).continuation).toBeNull();

    const done = await complete(decision, coordinator, {
      continuation: 'same-provider',
      basis: 'verlengde-jeugdhulp',
      providerOrganisationId: region.organisations['youth-care'],
      participation,
    });
    expect(done.status).toBe(200);
    const after = await trajectory(id);
    expect(after.continuation).toMatchObject({ continuation: 'same-provider', basis: 'verlengde-jeugdhulp' });
    expect(after.legalBases).toEqual([
      {
        basis: 'verlengde-jeugdhulp',
        providerOrganisationId: region.organisations['youth-care'],
        from: legalBirthday(bornAgo(17, 8), 18),
      },
    ]);
    const tasks = await tasksUntil(id, (t) => t.some((task) => task.kind === 'indication-extension'));
    expect(tasks.filter((t) => t.kind === 'indication-extension').map((t) => t.organisationId)).toEqual([
      region.organisations.wmo,
    ]);
    expect((await milestones(id)).filter((m) => m.kind === 'handover')).toEqual([]);
  });

  it('declined: no handover, a safety-net task for the coordinator', async () => {
    const id = await open(bornAgo(17, 8), ['youth-care']);
    const [decision] = (await tasksUntil(id, (t) => t.some((task) => task.kind === 'continuation-decision'))).filter(
      (t) => t.kind === 'continuation-decision',
    );
    const done = await complete(decision, coordinator, {
      continuation: 'declined',
      basis: 'none',
      participation: { ...participation, agrees: 'no' },
    });
    expect(done.status).toBe(200);
    const tasks = await tasksUntil(id, (t) => t.some((task) => task.kind === 'safety-net'));
    expect(tasks.filter((t) => t.kind === 'safety-net').map((t) => t.organisationId)).toEqual([
      region.organisations.coordinator,
    ]);
    expect((await milestones(id)).filter((m) => m.kind === 'handover')).toEqual([]);
  });

  it('a new provider: the handover stays, to the decided provider', async () => {
    const id = await open(bornAgo(17, 8), ['youth-care', 'adult-care']);
    const [decision] = (await tasksUntil(id, (t) => t.some((task) => task.kind === 'continuation-decision'))).filter(
      (t) => t.kind === 'continuation-decision',
    );
    const done = await complete(decision, coordinator, {
      continuation: 'new-provider',
      basis: 'wmo',
      providerOrganisationId: region.organisations.wmo,
      participation,
    });
    expect(done.status).toBe(200);
    const handover = (await milestones(id)).find((m) => m.kind === 'handover');
    expect(handover?.status).toBe('upcoming');
    expect(handover?.assignees.map((a) => a.organisationId)).toContain(region.organisations.wmo);
  });

  it("a rejected handover is on the director's list at once with its reason, a receiver is found, an acceptance takes it off", async () => {
    const id = await open(bornAgo(17, 11), ['youth-care', 'adult-care']);
    const tasks = await tasksUntil(id, (t) =>
      t.some((task) => task.kind === 'handover' && task.organisationId === region.organisations['adult-care']),
    );
    const receiving = tasks.find(
      (t) => t.kind === 'handover' && t.organisationId === region.organisations['adult-care'],
    );
    const reason = 'Demo: geen plek in de komende drie maanden.';
    const rejected = await as(
      region.users['adult-care'],
      'POST',
      `/api/v1/handovers/${receiving?.handoverId}/acknowledgement`,
      {
        accepted: false,
        reason,
      },
    );
    expect(rejected.status).toBe(200);
    const onList = async (username: string) =>
      (await as<Overdue>(username, 'GET', '/api/v1/overdue-handovers')).body.items.filter((i) => i.trajectoryId === id);
    const listed = await onList(region.users.director);
    expect(listed.map((i) => [i.kind, i.status, i.reason])).toEqual([['handover', 'rejected', reason]]);
    expect(Date.parse(listed[0].rejectedAt ?? '')).toBeLessThanOrEqual(Date.now());
    const finding = await tasksUntil(id, (t) => t.some((task) => task.kind === 'find-receiver'));
    const find = finding.find((t) => t.kind === 'find-receiver');
    expect(find?.organisationId).toBe(region.organisations.coordinator);
    // Five working days: at least five calendar days, at most nine.
    const days = (Date.parse(find?.dueAt ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(4);
    expect(days).toBeLessThan(10);

    const unknown = await as<Problem>(coordinator, 'POST', `/api/v1/trajectories/${id}/handovers`, {
      receivingOrganisationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e) => [e.field, e.code])).toEqual([
      ['receivingOrganisationId', 'unknown-organisation'],
    ]);

    const chosen = await as(coordinator, 'POST', `/api/v1/trajectories/${id}/handovers`, {
      receivingOrganisationId: region.organisations.wmo,
      note: 'Demo: Wmo-consulent heeft plek.',
    });
    expect(chosen.status).toBe(200);
    const second = await tasksUntil(id, (t) =>
      t.some((task) => task.kind === 'handover' && task.organisationId === region.organisations.wmo),
    );
    const wmoTask = second.find((t) => t.kind === 'handover' && t.organisationId === region.organisations.wmo);
    expect(await onList(coordinator)).toHaveLength(1); // still rejected until one is accepted
    const accepted = await as(region.users.wmo, 'POST', `/api/v1/handovers/${wmoTask?.handoverId}/acknowledgement`, {
      accepted: true,
    });
    expect(accepted.status).toBe(200);
    expect(await onList(coordinator)).toEqual([]);
    const dashboard = await as<{ municipalities: { code: string; continuityAt18: Record<string, number | null> }[] }>(
      region.users.director,
      'GET',
      '/api/v1/dashboard',
    );
    const figures = dashboard.body.municipalities.find((m) => m.code === region.municipalities[0])?.continuityAt18;
    expect(figures).toMatchObject({ rejectedHandovers: 0 });
    expect(figures?.rejectedLast12Months).toBeGreaterThanOrEqual(1);
  });

  it('adulthood administration: every item answered, a not-arranged one with its reason', async () => {
    const id = await open(bornAgo(17, 10), ['youth-care']);
    const [admin] = (await tasksUntil(id, (t) => t.some((task) => task.kind === 'adulthood-admin'))).filter(
      (t) => t.kind === 'adulthood-admin',
    );
    const checklist = {
      'health-insurance': { status: 'arranged' },
      income: { status: 'not-arranged' },
      'id-and-digid': { status: 'arranged' },
      'bank-account': { status: 'arranged' },
      'address-registration': { status: 'not-needed' },
      'mentorship-or-administration': { status: 'not-needed' },
    };
    const wrong = await complete<Problem>(admin, coordinator, { checklist });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e) => [e.field, e.code])).toEqual([['outcome.checklist.income.reason', 'required']]);
    const right = await complete(admin, coordinator, {
      checklist: { ...checklist, income: { status: 'not-arranged', reason: 'Demo: aanvraag bijstand loopt.' } },
    });
    expect(right.status).toBe(200);
  });

  it('legal bases: an overlapping period or verlengde-jeugdhulp after 23 is a 400 naming the field, nothing stored', async () => {
    const birth = bornAgo(17, 6);
    const id = await open(birth, ['youth-care']);
    const adult = legalBirthday(birth, 18);
    const provider = region.organisations['youth-care'];
    const wmo = { basis: 'wmo', providerOrganisationId: region.organisations.wmo, from: adult };
    const overlap = await as<Problem>(coordinator, 'POST', `/api/v1/trajectories/${id}/legal-bases`, {
      legalBases: [wmo, { ...wmo, from: plusDays(adult, 200) }],
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body.errors.map((e) => [e.field, e.code])).toEqual([['legalBases[1].from', 'basis-overlaps']]);
    const after23 = await as<Problem>(coordinator, 'POST', `/api/v1/trajectories/${id}/legal-bases`, {
      legalBases: [
        {
          basis: 'verlengde-jeugdhulp',
          providerOrganisationId: provider,
          from: adult,
          until: legalBirthday(birth, 23),
        },
      ],
    });
    expect(after23.status).toBe(400);
    expect(after23.body.errors.map((e) => [e.field, e.code])).toEqual([['legalBases[0].until', 'basis-not-for-age']]);
    expect((await trajectory(id)).legalBases).toEqual([]);
    const bases = [
      { basis: 'jeugdwet', providerOrganisationId: provider, from: today(), until: plusDays(adult, -1) },
      { basis: 'verlengde-jeugdhulp', providerOrganisationId: provider, from: adult },
      wmo,
    ];
    const valid = await as<Trajectory>(coordinator, 'POST', `/api/v1/trajectories/${id}/legal-bases`, {
      legalBases: bases,
    });
    expect(valid.status).toBe(200);
    expect(valid.body.legalBases).toEqual(bases);
  });

  it('reopening: an active trajectory is a 400 naming the date; a closed one comes back with the bases still possible', async () => {
    const id = await open(bornAgo(19), ['police']);
    const active = await as<Problem>(coordinator, 'POST', `/api/v1/trajectories/${id}/reopenings`, {
      date: today(),
      reason: 'Demo: ze meldt zich weer.',
    });
    expect(active.status).toBe(400);
    expect(active.body.errors.map((e) => [e.field, e.code])).toEqual([['date', 'not-closed']]);
    const stored = async () =>
      Number(
        (
          await sut().dataSource.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM trajectory_reopenings WHERE trajectory_id = $1`,
            [id],
          )
        )[0].n,
      );
    expect(await stored()).toBe(0);
    const closed = await as(coordinator, 'POST', `/api/v1/trajectories/${id}/closure`, {
      date: today(),
      override: { reason: 'Demo: ze wil geen hulp meer.' },
    });
    expect(closed.status).toBe(200);
    const early = await as<Problem>(coordinator, 'POST', `/api/v1/trajectories/${id}/reopenings`, {
      date: plusDays(today(), -1),
      reason: 'Demo: ze meldt zich weer.',
    });
    expect(early.status).toBe(400);
    expect(early.body.errors.map((e) => [e.field, e.code])).toEqual([['date', 'before-closure']]);
    expect(await stored()).toBe(0);
    const reopened = await as<Trajectory>(coordinator, 'POST', `/api/v1/trajectories/${id}/reopenings`, {
      date: today(),
      reason: 'Demo: ze meldt zich weer.',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('active');
    // Registered at 19 without youth care before 18: only adult bases.
    expect(reopened.body.allowedBases).toEqual(['wmo', 'zvw', 'wlz', 'participatiewet', 'none']);
    expect(await stored()).toBe(1);
    const intakes = await tasksUntil(
      id,
      (t) =>
        t.filter((task) => task.kind === 'adult-intake' && task.organisationId === region.organisations.coordinator)
          .length >= 2,
    );
    expect(
      intakes.filter((t) => t.kind === 'adult-intake' && t.organisationId === region.organisations.coordinator),
    ).toHaveLength(2);
  });

  it('the dashboard counts a decision recorded at least 3 months before the 18th birthday, as of a day after it', async () => {
    // A region of its own, so that only these birthdays count. Both decisions fire at once (18 − 5 months has passed)
    // and are recorded today through the api: four months before one birthday (in time), a month before the other
    // (late). A third turns 18 in a year, after the day the dashboard is asked for.
    const own = await createTestRegion(sut().dataSource);
    const decidedToday = async (birthDate: string) => {
      const id = await openTrajectory(sut(), own.users.coordinator, {
        pseudonym: pseudonym(),
        birthDate,
        municipalityCode: own.municipalities[0],
        partners: [{ organisationId: own.organisations['youth-care'], role: 'youth-care' }],
      });
      const fired = await eventually(
        () => allTasksOf<Task>(sut(), own.users.coordinator, id),
        (t) => t.some((task) => task.kind === 'continuation-decision'),
      );
      const decision = fired.find((t) => t.kind === 'continuation-decision');
      const done = await as(own.users.coordinator, 'POST', `/api/v1/tasks/${decision?.id}/completion`, {
        outcome: { continuation: 'declined', basis: 'none', participation: { ...participation, agrees: 'no' } },
      });
      expect(done.status).toBe(200);
      return legalBirthday(birthDate, 18);
    };
    const inTime = await decidedToday(bornAgo(17, 8));
    const late = await decidedToday(bornAgo(17, 11));
    const later = legalBirthday(bornAgo(17), 18);
    await openTrajectory(sut(), own.users.coordinator, {
      pseudonym: pseudonym(),
      birthDate: bornAgo(17),
      municipalityCode: own.municipalities[0],
      partners: [],
    });
    // The oracle, by hand from the dates: asked the day after the in-time birthday, the last 12 months hold the two
    // birthdays (not the third), and only the first decision (today) lies at least 3 months before its birthday.
    const asOf = plusDays(inTime, 1);
    expect([today() <= plusMonths(inTime, -3), today() <= plusMonths(late, -3)]).toEqual([true, false]);
    expect([late <= asOf && late > plusMonths(asOf, -12), later > asOf]).toEqual([true, true]);

    const [director] = await sut().dataSource.query<{ id: string }[]>(`SELECT id FROM users WHERE username = $1`, [
      own.users.director,
    ]);
    const principal: Principal = {
      userId: director.id,
      username: own.users.director,
      role: 'director',
      regionId: own.id,
      organisationId: own.organisations.municipality,
      municipalityCodes: [own.municipalities[0]],
      onBehalfOf: null,
    };
    const figures = async (at: Date) =>
      (await sut().api.get(OversightService).dashboard(principal, at)).municipalities.find(
        (m) => m.code === own.municipalities[0],
      )?.continuityAt18;
    expect(await figures(new Date(amsterdam(asOf, '12:00')))).toMatchObject({
      birthdays18Last12Months: 2,
      decidedInTime: 1,
      decidedInTimeShare: 0.5,
    });
    // Today nobody has turned 18 yet: nothing to count, and the api says so over HTTP too.
    const now = await as<{ municipalities: { code: string; continuityAt18: Record<string, number | null> }[] }>(
      own.users.director,
      'GET',
      '/api/v1/dashboard',
    );
    expect(now.body.municipalities.find((m) => m.code === own.municipalities[0])?.continuityAt18).toMatchObject({
      birthdays18Last12Months: 0,
      decidedInTime: 0,
      decidedInTimeShare: null,
    });
  });

  it("a municipality change replaces the Wmo partner with the new municipality's organisation", async () => {
    const id = await open(bornAgo(16), ['wmo'], 1);
    const changed = await as<Trajectory>(coordinator, 'POST', `/api/v1/trajectories/${id}/municipality-changes`, {
      municipalityCode: region.municipalities[0],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.partners).toEqual([{ organisationId: region.organisations.municipality, role: 'wmo' }]);
  });
});
