import { DateTime } from 'luxon';
import type { PolicyOverride } from '@doorloop/domain';
import { UserEntity } from '@doorloop/persistence';
import { requestsAs, stackForAllTests } from './stack';
import { eventually } from './eventually';
import { openTrajectory } from './open-trajectory';
import { regionPartners, youthCarePlacement } from './factories/trajectory-parts.factory';
import { waitForMail } from './mailbox';
import { createTestRegion, type TestRegion } from './test-region';
import { DEFAULT_TIME_ZONE } from '@doorloop/domain';

interface Task {
  id: string;
  trajectoryId: string;
  pseudonym: string;
  age: number;
  kind: string;
  status: string;
  organisationId: string;
  assigneeUserId: string | null;
  dueAt: string;
  overdue: boolean;
  handoverId: string | null;
  context: { evaluationKey: string; missingOrganisationIds: string[] } | null;
}
interface Page {
  items: Task[];
  nextCursor: string | null;
}
interface Problem {
  status: number;
  errors?: { field: string }[];
}

/**
 * Seconds instead of days: an evaluation fires at once (its hourly series is late), is due 8 s later with a reminder
 * 4 s before; handovers and transition reviews are due 5 s after firing and reach the director's list 3 s after that.
 */
const POLICY: PolicyOverride = {
  version: 'test-inbox-1',
  fireTimeOfDay: null,
  milestones: {
    'placement-evaluation': { interval: 'PT1H', due: { relativeTo: 'fire', offset: 'PT8S' } },
    'transition-review': { due: { relativeTo: 'fire', offset: 'PT5S' } },
    handover: { due: { relativeTo: 'fire', offset: 'PT5S' } },
  },
  escalation: { reminder: '-PT4S', directorList: 'PT3S' },
};

const today = () => DateTime.now().setZone(DEFAULT_TIME_ZONE);
const evaluationInput = {
  observations: [{ lifeDomain: 'education-or-work', observation: 'Demo: gaat weer naar school.' }],
  riskSignals: [],
  wishes: 'Demo: wil op deze school blijven.',
};

/** The partner inbox over HTTP: scope, filters, order, pages, claims, races; the consolidation; the director's view. */
describe('partner inbox and director oversight', () => {
  const sut = stackForAllTests();
  const as = requestsAs(sut);
  let region: TestRegion;
  let other: TestRegion;

  const startTrajectory = (pseudonym: string, body: Record<string, unknown>) =>
    openTrajectory(sut(), region.users.coordinator, { pseudonym, ...body });

  /** When the consolidation was stored, when the evaluation was due and its last input came, as PostgreSQL has them. */
  const moments = (trajectoryId: string) =>
    sut().dataSource.query<{ consolidationCreatedAt: Date; evaluationDueAt: Date; lastCompletedAt: Date }[]>(
      `SELECT c.created_at AS "consolidationCreatedAt", min(e.due_at) AS "evaluationDueAt",
              max(e.completed_at) AS "lastCompletedAt"
         FROM tasks c JOIN tasks e ON e.trajectory_id = c.trajectory_id AND e.kind = 'placement-evaluation'
        WHERE c.trajectory_id = $1 AND c.kind = 'evaluation-consolidation'
        GROUP BY c.id, c.created_at`,
      [trajectoryId],
    );

  const inbox = (user: string, query = '') => as<Page>(user, 'GET', `/api/v1/tasks${query}`);

  beforeAll(async () => {
    region = await createTestRegion(sut().dataSource, POLICY);
    other = await createTestRegion(sut().dataSource);
  });

  describe('an evaluation', () => {
    let trajectoryId: string;

    beforeAll(async () => {
      trajectoryId = await startTrajectory('TRJ-1NB0', {
        birthDate: today().minus({ years: 15 }).toISODate(),
        municipalityCode: region.municipalities[0],
        partners: regionPartners(region, 'police', 'school'),
        placements: [youthCarePlacement(region, today().minus({ days: 2 }).toISODate()!)],
      });
    });

    it("lands in each partner's inbox, with the pseudonym and age and nothing of others", async () => {
      const page = await eventually(
        () => inbox(region.users.police),
        (r) => r.body.items.some((t) => t.trajectoryId === trajectoryId),
      );
      expect(page.status).toBe(200);
      const mine = page.body.items.filter((t) => t.trajectoryId === trajectoryId);
      expect(mine).toEqual([
        expect.objectContaining({
          kind: 'placement-evaluation',
          pseudonym: 'TRJ-1NB0',
          age: 15,
          organisationId: region.organisations.police,
          status: 'open',
          overdue: false,
        }),
      ]);
      expect(page.body.items.every((t) => t.organisationId === region.organisations.police)).toBe(true);
      // Another region's police, and the demo region's, do not see it: 404, as if it did not exist.
      expect((await as(other.users.police, 'GET', `/api/v1/tasks/${mine[0].id}`)).status).toBe(404);
      expect((await as('police', 'GET', `/api/v1/tasks/${mine[0].id}`)).status).toBe(404);
      expect((await inbox(other.users.police)).body.items.some((t) => t.trajectoryId === trajectoryId)).toBe(false);
    });

    it('pages the region in due order for the coordinator, and filters by kind, status and due date', async () => {
      const seen: Task[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?trajectoryId=${trajectoryId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await inbox(region.users.coordinator, query);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(1);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen.map((t) => t.organisationId).sort()).toEqual(
        [region.organisations.police, region.organisations.school, region.organisations['youth-care']].sort(),
      );
      const order = seen.map((t) => `${t.dueAt}|${t.id}`);
      expect(order).toEqual([...order].sort());

      const query = (q: string) => inbox(region.users.coordinator, `?trajectoryId=${trajectoryId}&${q}`);
      expect((await query('kind=handover')).body.items).toEqual([]);
      expect((await query('kind=placement-evaluation,handover')).body.items).toHaveLength(3);
      expect((await query('status=done')).body.items).toEqual([]);
      const tomorrow = today().plus({ days: 1 }).toISODate();
      expect((await query(`dueFrom=${tomorrow}`)).body.items).toEqual([]);
      expect((await query(`dueTo=${today().toISODate()}`)).body.items).toHaveLength(3);

      const bad = await inbox(region.users.coordinator, '?cursor=bm90LWEtY3Vyc29y&status=opne');
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((bad.body as unknown as Problem).errors?.map((e) => e.field).sort()).toEqual(['status[0]']);
      const badCursor = await inbox(region.users.coordinator, '?cursor=bm90LWEtY3Vyc29y');
      expect((badCursor.body as unknown as Problem).errors?.map((e) => e.field)).toEqual(['cursor']);
    });

    it('is claimed by one person; a colleague cannot claim or complete it; two racing completions get one winner', async () => {
      const colleague = `${region.users.school}-2`;
      await sut().dataSource.getRepository(UserEntity).insert({
        username: colleague,
        displayName: 'Demo tweede schoolmedewerker',
        role: 'partner',
        regionId: region.id,
        organisationId: region.organisations.school,
      });
      const [task] = (await inbox(region.users.school)).body.items.filter((t) => t.trajectoryId === trajectoryId);
      const claimed = await as<Task>(region.users.school, 'POST', `/api/v1/tasks/${task.id}/claim`);
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({ status: 'claimed' });
      expect(claimed.body.assigneeUserId).not.toBeNull();
      expect((await as<Task>(region.users.school, 'POST', `/api/v1/tasks/${task.id}/claim`)).status).toBe(200);
      const taken = await as(colleague, 'POST', `/api/v1/tasks/${task.id}/claim`);
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ code: 'task-claimed-by-colleague' });
      const byColleague = await as(colleague, 'POST', `/api/v1/tasks/${task.id}/completion`, {
        outcome: evaluationInput,
      });
      expect(byColleague.status).toBe(409);
      expect(byColleague.headers.get('content-type')).toMatch(/^application\/problem\+json/);

      const [police] = (await inbox(region.users.police)).body.items.filter((t) => t.trajectoryId === trajectoryId);
      const second = { ...evaluationInput, riskSignals: ['Demo: contact met onbekende volwassene.'] };
      const race = await Promise.all([
        as(region.users.police, 'POST', `/api/v1/tasks/${police.id}/completion`, { outcome: evaluationInput }),
        as(region.users.police, 'POST', `/api/v1/tasks/${police.id}/completion`, { outcome: second }),
      ]);
      expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
      // Claimed by the school user, done by the school user: the school's input is in.
      const done = await as<Task>(region.users.school, 'POST', `/api/v1/tasks/${task.id}/completion`, {
        outcome: evaluationInput,
      });
      expect(done.status).toBe(200);
      expect(done.body.status).toBe('done');
    });

    it("fires the coordinator's consolidation at the due moment, listing the input still missing", async () => {
      const page = await eventually(
        () => inbox(region.users.coordinator, `?trajectoryId=${trajectoryId}&kind=evaluation-consolidation`),
        (r) => r.body.items.length > 0,
      );
      const [consolidation] = page.body.items;
      // Missing: whose input PostgreSQL had not stored when the consolidation was (youth care never answers; the
      // others answered in the tests before, in time unless the machine was slower than the 8 s the policy gives).
      const [{ missing }] = await sut().dataSource.query<{ missing: string[] }[]>(
        `SELECT array_agg(e.organisation_id::text ORDER BY e.organisation_id) AS missing
           FROM tasks e JOIN tasks c ON c.trajectory_id = e.trajectory_id AND c.kind = 'evaluation-consolidation'
          WHERE e.trajectory_id = $1 AND e.kind = 'placement-evaluation'
            AND (e.completed_at IS NULL OR e.completed_at > c.created_at)`,
        [trajectoryId],
      );
      expect(missing).toContain(region.organisations['youth-care']);
      expect(consolidation.organisationId).toBe(region.organisations.coordinator);
      expect([...(consolidation.context?.missingOrganisationIds ?? [])].sort()).toEqual(missing);
      // Not before the evaluation was due (fired + 8 s), by PostgreSQL's clock: the youth-care input never came.
      const [stored] = await moments(trajectoryId);
      expect(stored.consolidationCreatedAt.getTime()).toBeGreaterThanOrEqual(stored.evaluationDueAt.getTime());
      const overdue = await inbox(region.users['youth-care'], `?trajectoryId=${trajectoryId}`);
      expect(overdue.body.items).toEqual([expect.objectContaining({ overdue: true, status: 'open' })]);
    });

    it('mails the reminder to the organisation still owing its input, and the overdue notice to the coordinator', async () => {
      const mailbox = (role: string) => `${role}-${region.suffix}@demo-testregio.test`;
      const [reminder] = await waitForMail(
        (m) => m.envelopeTo.includes(mailbox('youth-care')) && m.subject.includes('TRJ-1NB0'),
      );
      expect(reminder.subject).toMatch(/^Herinnering/);
      const [overdue] = await waitForMail(
        (m) => m.envelopeTo.includes(mailbox('coordinator')) && m.subject.includes('TRJ-1NB0'),
      );
      expect(overdue.subject).toMatch(/^Verlopen/);
      // A pseudonym and a link into the app, nothing else about her.
      const [task] = (await inbox(region.users['youth-care'], `?trajectoryId=${trajectoryId}`)).body.items;
      expect(reminder.text).toContain(`/tasks/${task.id}`);
      for (const mail of [reminder, overdue]) {
        expect(mail.raw).not.toContain(today().minus({ years: 15 }).toISODate()!);
        expect(mail.raw).not.toContain(`Demo youth-care ${region.suffix}`);
      }
    });
  });

  it('fires the consolidation as soon as every input is in', async () => {
    const trajectoryId = await startTrajectory('TRJ-1NB1', {
      birthDate: today().minus({ years: 14 }).toISODate(),
      municipalityCode: region.municipalities[0],
      partners: regionPartners(region, 'police'),
      placements: [youthCarePlacement(region, today().minus({ days: 1 }).toISODate()!)],
    });
    const tasks = await eventually(
      () => inbox(region.users.coordinator, `?trajectoryId=${trajectoryId}`),
      (r) => r.body.items.length === 2,
    );
    const users: Record<string, string> = {
      [region.organisations.police]: region.users.police,
      [region.organisations['youth-care']]: region.users['youth-care'],
    };
    for (const task of tasks.body.items) {
      const done = await as(users[task.organisationId], 'POST', `/api/v1/tasks/${task.id}/completion`, {
        outcome: evaluationInput,
      });
      expect(done.status).toBe(200);
    }
    const page = await eventually(
      () => inbox(region.users.coordinator, `?trajectoryId=${trajectoryId}&kind=evaluation-consolidation`),
      (r) => r.body.items.length > 0,
    );
    expect(page.body.items[0].context).toEqual(expect.objectContaining({ missingOrganisationIds: [] }));
    // Fired after the last input and before the evaluation was due, by the stored moments (not the test's clock).
    const [stored] = await moments(trajectoryId);
    expect(stored.consolidationCreatedAt.getTime()).toBeGreaterThanOrEqual(stored.lastCompletedAt.getTime());
    expect(stored.consolidationCreatedAt.getTime()).toBeLessThan(stored.evaluationDueAt.getTime());
  });

  describe("the director's view", () => {
    let watched: string;
    let unwatched: string;

    beforeAll(async () => {
      // Nearly 18: the transition review and the handover fire late at once, due 5 s later, listed 3 s after that.
      const nearly18 = (municipalityCode: string) => ({
        birthDate: today().minus({ years: 17, months: 11 }).toISODate(),
        municipalityCode,
        partners: regionPartners(region, 'youth-care', 'adult-care', 'wmo'),
      });
      watched = await startTrajectory('TRJ-D1R1', nearly18(region.municipalities[0]));
      unwatched = await startTrajectory('TRJ-D1R2', nearly18(region.municipalities[1]));
    });

    interface Overdue {
      items: {
        trajectoryId: string;
        pseudonym: string;
        kind: string;
        handoverId: string | null;
        sendingOrganisation: { id: string } | null;
        receivingOrganisation: { id: string };
        daysOverdue: number;
      }[];
    }

    it('lists an unanswered handover after its grace period, for the watched municipality only, until answered', async () => {
      const list = await eventually(
        () => as<Overdue>(region.users.director, 'GET', '/api/v1/overdue-handovers'),
        (r) => r.body.items.some((i) => i.kind === 'handover'),
      );
      expect(list.status).toBe(200);
      const handover = list.body.items.find((i) => i.kind === 'handover');
      expect(handover).toMatchObject({
        trajectoryId: watched,
        pseudonym: 'TRJ-D1R1',
        sendingOrganisation: { id: region.organisations['youth-care'] },
        receivingOrganisation: { id: region.organisations['adult-care'] },
        daysOverdue: 0,
      });
      expect(list.body.items.some((i) => i.kind === 'transition-review')).toBe(true);
      expect(list.body.items.every((i) => i.trajectoryId === watched)).toBe(true);
      // The coordinator sees the whole region, both municipalities.
      const region_ = await eventually(
        () => as<Overdue>(region.users.coordinator, 'GET', '/api/v1/overdue-handovers'),
        (r) => r.body.items.some((i) => i.trajectoryId === unwatched),
      );
      expect(region_.body.items.some((i) => i.trajectoryId === unwatched)).toBe(true);
      // Partners have no director's list; another region's director sees none of this.
      expect((await as(region.users.police, 'GET', '/api/v1/overdue-handovers')).status).toBe(403);
      const elsewhere = await as<Overdue>(other.users.director, 'GET', '/api/v1/overdue-handovers');
      expect(elsewhere.body.items).toEqual([]);

      const answer = await as(
        region.users['adult-care'],
        'POST',
        `/api/v1/handovers/${handover!.handoverId}/acknowledgement`,
        {
          accepted: true,
        },
      );
      expect(answer.status).toBe(200);
      const after = await as<Overdue>(region.users.director, 'GET', '/api/v1/overdue-handovers');
      expect(after.body.items.some((i) => i.handoverId === handover!.handoverId)).toBe(false);
    });

    it('shows figures for the watched municipality only', async () => {
      interface Dashboard {
        municipalities: {
          code: string;
          open: number;
          overdue: number;
          birthdays18Next6Months: number;
          birthdays18Next12Months: number;
          stillInCare6MonthsAfter18: { eligible: number; share: number | null };
          organisations: { id: string; open: number }[];
        }[];
      }
      const dashboard = await as<Dashboard>(region.users.director, 'GET', '/api/v1/dashboard');
      expect(dashboard.status).toBe(200);
      expect(dashboard.body.municipalities.map((m) => m.code)).toEqual([region.municipalities[0]]);
      const [figures] = dashboard.body.municipalities;
      expect(figures.birthdays18Next6Months).toBe(1);
      expect(figures.birthdays18Next12Months).toBe(1);
      expect(figures.stillInCare6MonthsAfter18).toEqual({ eligible: 0, inCare: 0, share: null });
      expect(figures.open).toBeGreaterThan(0);
      expect(figures.overdue).toBeGreaterThan(0);
      expect(figures.open).toBe(figures.organisations.reduce((sum, o) => sum + o.open, 0));
      const coordinator = await as<Dashboard>(region.users.coordinator, 'GET', '/api/v1/dashboard');
      expect(coordinator.body.municipalities.map((m) => m.code)).toEqual(region.municipalities);
      expect((await as(region.users.school, 'GET', '/api/v1/dashboard')).status).toBe(403);
    });
  });
});
