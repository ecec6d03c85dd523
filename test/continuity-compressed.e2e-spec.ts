import {
  compressPolicy,
  DEFAULT_POLICY,
  PRE_ADULTHOOD_KINDS,
  type ContinuityOverride,
  type PolicyOverride,
} from '@doorloop/domain';
import type { DataSource } from 'typeorm';
import { amsterdam } from '../libs/domain/test/calendar-oracle';
import { bornAgo, type LocalDate } from './dates';
import { eventually } from './eventually';
import { regionPartners, type RegionPartnerRole } from './factories/trajectory-parts.factory';
import { openTrajectory } from './open-trajectory';
import { pseudonym } from './pseudonyms';
import { requestsAs, stackForAllTests } from './stack';
import { createTestRegion, type TestRegion } from './test-region';
import { allTasksOf } from './trajectory-tasks';

interface Task {
  id: string;
  kind: string;
  organisationId: string;
  fireAt: string;
  dueAt: string;
  handoverId: string | null;
}
interface Overdue {
  items: { trajectoryId: string; kind: string; status: string; reason: string | null }[];
}

/** A month lasts a second: 3 months are 3 s, 4 weeks 28 / 30.436875 s. */
const MS_PER_DAY = 1000 / (365.2425 / 12);
const SECOND = 1000;
const HOUR = 3600 * SECOND;
/** The handover and the adulthood administration: 18 − 3 months, 3 s before the 18th birthday at a month a second. */
const HANDOVER_BEFORE_18 = 3 * SECOND;
/** How long a case waits for what the workflow fires; generous for a loaded machine, met in a second when idle. */
const FIRED_WITHIN = 20_000;
const participation = { how: 'present', ownWords: 'Demo: ik wil bij mijn begeleider blijven.', agrees: 'yes' };
const PRE_18: readonly string[] = PRE_ADULTHOOD_KINDS;

/**
 * A region on the compressed policy (a month lasts a second, `compressPolicy`) in which someone born on `birthDate`
 * turns 18 `inSeconds` from now: the ages count in seconds from the local midnight of the birth date (docs/policy.md,
 * "The compressed test policy"), 16 two compressed years before, 23 an hour after (its end of extended care never
 * comes during the test). The continuation decision fires 15 s
 * before the 18th birthday (instead of 5 compressed months), so that the coordinator has some 12 s to record it before
 * the handover (18 − 3 months) would fire: the region's continuity override, laid over the compressed section.
 * The legal ages are law and do not move: by the calendar she stays as old as `birthDate` says.
 */
async function regionTurning18In(
  dataSource: DataSource,
  birthDate: LocalDate,
  inSeconds: number,
): Promise<{ region: TestRegion; adulthood: number }> {
  const adulthood = Date.now() + inSeconds * SECOND;
  // Whole milliseconds from the birth instant, written as seconds: PT536457600.123S.
  const age = (msAfterBirth: number) => `PT${msAfterBirth / SECOND}S` as const;
  const eighteen = adulthood - amsterdam(birthDate);
  const compressed = compressPolicy(DEFAULT_POLICY, { msPerDay: MS_PER_DAY });
  const continuity: ContinuityOverride = {
    ...compressed.continuity,
    'continuation-decision': { offset: '-PT15S' },
  };
  const policy: PolicyOverride = {
    version: `test-continuity-compressed-${adulthood}`,
    fireTimeOfDay: null,
    ages: { futurePlan: age(eighteen - 24 * SECOND), adulthood: age(eighteen), extendedCareEnd: age(eighteen + HOUR) },
    milestones: compressed.milestones,
    escalation: compressed.escalation,
    continuity,
  };
  return { region: await createTestRegion(dataSource, policy), adulthood };
}

/**
 * Continuity at 18 (issue 12) through the api on a compressed policy: every case lives in a region of its own whose
 * 18th birthday comes seconds after the case starts, so that what fires before 18, at the decision, at a rejection and
 * at a late registration is seen firing, and what must not fire is seen not firing once its moment has passed.
 */
describe('continuity at 18 on a compressed policy', () => {
  const sut = stackForAllTests();
  const as = requestsAs(sut);

  const open = (region: TestRegion, birthDate: LocalDate, ...roles: RegionPartnerRole[]) =>
    openTrajectory(sut(), region.users.coordinator, {
      pseudonym: pseudonym(),
      birthDate,
      municipalityCode: region.municipalities[0],
      partners: regionPartners(region, ...roles),
    });
  const tasksOf = (region: TestRegion, id: string) => allTasksOf<Task>(sut(), region.users.coordinator, id);
  const tasksUntil = (region: TestRegion, id: string, done: (tasks: Task[]) => boolean) =>
    eventually(() => tasksOf(region, id), done, FIRED_WITHIN);
  const has = (kind: string, organisationId?: string) => (tasks: Task[]) =>
    tasks.some((t) => t.kind === kind && (organisationId === undefined || t.organisationId === organisationId));
  const milestoneKinds = async (region: TestRegion, id: string) =>
    (
      await as<{ items: { kind: string }[] }>(region.users.coordinator, 'GET', `/api/v1/trajectories/${id}/milestones`)
    ).body.items.map((m) => m.kind);
  /** DOMAIN.md: a task is never due before it fires, late ones included. */
  const expectNoneDueBeforeFired = (tasks: Task[]) => {
    expect(tasks.filter((t) => Date.parse(t.dueAt) <= Date.parse(t.fireAt))).toEqual([]);
  };
  /** The decision task, answered; fails when it was answered after the handover's moment (the case then proves nothing). */
  const decide = async (region: TestRegion, id: string, adulthood: number, outcome: Record<string, unknown>) => {
    const tasks = await tasksUntil(region, id, has('continuation-decision'));
    const decision = tasks.find((t) => t.kind === 'continuation-decision');
    if (!decision) throw new Error(`no continuation decision fired: ${JSON.stringify(tasks)}`);
    // The region's override at work: at 18 − 15 s (or at once, when the case was slower to open the trajectory), not at
    // the compressed default of 18 − 5 months, which would leave 2 s to decide.
    expect(Date.parse(decision.fireAt)).toBeLessThan(adulthood - 5 * SECOND);
    const done = await as(region.users.coordinator, 'POST', `/api/v1/tasks/${decision.id}/completion`, {
      outcome: { ...outcome, participation },
    });
    expect(done.status).toBe(200);
    expect(Date.now()).toBeLessThan(adulthood - HANDOVER_BEFORE_18);
  };
  /**
   * Waits until the moment of the handover has passed and the adulthood administration, which fires at that same
   * moment, has fired: only then does "no handover" mean that none fired.
   */
  const pastTheHandoverMoment = async (region: TestRegion, id: string, adulthood: number) => {
    const tasks = await tasksUntil(region, id, has('adulthood-admin', region.organisations.coordinator));
    const admin = tasks.find((t) => t.kind === 'adulthood-admin');
    // The control: the administration fired at 18 − 3 months of the compressed policy, the handover's moment.
    expect(admin?.fireAt).toBe(new Date(adulthood - HANDOVER_BEFORE_18).toISOString());
    return tasksOf(region, id);
  };

  it('same provider under verlengde-jeugdhulp: no handover, an indication extension to the municipality before 18', async () => {
    const birthDate = bornAgo(17);
    const { region, adulthood } = await regionTurning18In(sut().dataSource, birthDate, 16);
    const id = await open(region, birthDate, 'youth-care', 'wmo');
    await decide(region, id, adulthood, {
      continuation: 'same-provider',
      basis: 'verlengde-jeugdhulp',
      providerOrganisationId: region.organisations['youth-care'],
    });
    const tasks = await pastTheHandoverMoment(region, id, adulthood);
    const extensions = tasks.filter((t) => t.kind === 'indication-extension');
    expect(extensions.map((t) => t.organisationId)).toEqual([region.organisations.wmo]);
    // Fired before the 18th birthday and due at it (due relative to the birthday, offset zero).
    expect(Date.parse(extensions[0].fireAt)).toBeLessThan(adulthood);
    expect(extensions[0].dueAt).toBe(new Date(adulthood).toISOString());
    expect(tasks.filter((t) => t.kind === 'handover')).toEqual([]);
    expect(await milestoneKinds(region, id)).not.toContain('handover');
    expectNoneDueBeforeFired(tasks);
  });

  it('a new provider: the handover fires at 18 − 3 months, to the decided provider', async () => {
    const birthDate = bornAgo(17);
    const { region, adulthood } = await regionTurning18In(sut().dataSource, birthDate, 16);
    const id = await open(region, birthDate, 'youth-care', 'adult-care');
    await decide(region, id, adulthood, {
      continuation: 'new-provider',
      basis: 'wmo',
      providerOrganisationId: region.organisations.wmo,
    });
    const tasks = await tasksUntil(region, id, has('handover', region.organisations.wmo));
    const handover = tasks.filter((t) => t.kind === 'handover');
    expect(handover.map((t) => t.organisationId)).toContain(region.organisations.wmo);
    expect(handover.map((t) => t.organisationId)).not.toContain(region.organisations['adult-care']);
    for (const task of handover) {
      expect(task.fireAt).toBe(new Date(adulthood - HANDOVER_BEFORE_18).toISOString());
      expect(task.dueAt).toBe(new Date(adulthood).toISOString());
    }
    expectNoneDueBeforeFired(tasks);
  });

  it('she declines help: no handover, a safety-net task for the coordinator', async () => {
    const birthDate = bornAgo(17);
    const { region, adulthood } = await regionTurning18In(sut().dataSource, birthDate, 16);
    const id = await open(region, birthDate, 'youth-care', 'adult-care');
    await decide(region, id, adulthood, { continuation: 'declined', basis: 'none' });
    const tasks = await pastTheHandoverMoment(region, id, adulthood);
    expect(tasks.filter((t) => t.kind === 'safety-net').map((t) => t.organisationId)).toEqual([
      region.organisations.coordinator,
    ]);
    expect(tasks.filter((t) => t.kind === 'handover')).toEqual([]);
    expectNoneDueBeforeFired(tasks);
  });

  it("a rejected handover stays on the director's list as rejected until one is accepted, and a receiver is sought", async () => {
    // No decision: the handover fires at 18 − 3 months, a second after the start, to the adult-care partner.
    const birthDate = bornAgo(17);
    const { region, adulthood } = await regionTurning18In(sut().dataSource, birthDate, 4);
    const id = await open(region, birthDate, 'youth-care', 'adult-care');
    const fired = await tasksUntil(region, id, has('handover', region.organisations['adult-care']));
    const receiving = fired.find(
      (t) => t.kind === 'handover' && t.organisationId === region.organisations['adult-care'],
    );
    const reason = 'Demo: geen plek in de komende drie maanden.';
    const acknowledge = (username: string, task: Task | undefined, answer: Record<string, unknown>) =>
      as(username, 'POST', `/api/v1/handovers/${task?.handoverId}/acknowledgement`, answer);
    const rejected = await acknowledge(region.users['adult-care'], receiving, { accepted: false, reason });
    expect(rejected.status).toBe(200);
    const rejections = async () =>
      (await as<Overdue>(region.users.director, 'GET', '/api/v1/overdue-handovers')).body.items.filter(
        (i) => i.trajectoryId === id && i.status === 'rejected',
      );
    expect((await rejections()).map((i) => [i.kind, i.reason])).toEqual([['handover', reason]]);
    const finding = await tasksUntil(region, id, has('find-receiver'));
    expect(finding.filter((t) => t.kind === 'find-receiver').map((t) => t.organisationId)).toEqual([
      region.organisations.coordinator,
    ]);

    // A receiver chosen after the 18th birthday: by the handover's rule it would be due at the birthday, before it
    // fires; it must be due after it fires (lateDue).
    await eventually(
      () => Promise.resolve(Date.now()),
      (now) => now > adulthood,
      FIRED_WITHIN,
    );
    const chosen = await as(region.users.coordinator, 'POST', `/api/v1/trajectories/${id}/handovers`, {
      receivingOrganisationId: region.organisations.wmo,
    });
    expect(chosen.status).toBe(200);
    const second = await tasksUntil(region, id, has('handover', region.organisations.wmo));
    const wmo = second.find((t) => t.kind === 'handover' && t.organisationId === region.organisations.wmo);
    expect(Date.parse(wmo?.fireAt ?? '')).toBeGreaterThan(adulthood);
    expect(await rejections()).toHaveLength(1);
    const accepted = await acknowledge(region.users.wmo, wmo, { accepted: true });
    expect(accepted.status).toBe(200);
    expect(await rejections()).toEqual([]);
    expectNoneDueBeforeFired(await tasksOf(region, id));
  });

  it('registered after 18: no pre-18 kind, an adult intake for the coordinator and the partners', async () => {
    // 18 by the policy a minute ago (and by law a year ago): every pre-18 moment has passed, none may fire late.
    const birthDate = bornAgo(19);
    const { region } = await regionTurning18In(sut().dataSource, birthDate, -60);
    const id = await open(region, birthDate, 'police', 'wmo');
    const tasks = await tasksUntil(region, id, (t) => t.filter((task) => task.kind === 'adult-intake').length >= 3);
    expect(tasks.map((t) => [t.kind, t.organisationId]).sort()).toEqual(
      [region.organisations.coordinator, region.organisations.police, region.organisations.wmo]
        .map((organisationId) => ['adult-intake', organisationId])
        .sort(),
    );
    expect((await milestoneKinds(region, id)).filter((kind) => PRE_18.includes(kind))).toEqual([]);
    expectNoneDueBeforeFired(tasks);
  });
});
