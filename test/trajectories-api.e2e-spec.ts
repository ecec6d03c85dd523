import { DateTime } from 'luxon';
import { ReferenceDataRepository, TrajectoryEntity } from '@doorloop/persistence';
import { requestAs, startStack, type Stack, demoRegionId } from './stack';
import { bornAgo, plusMonths, today } from './dates';
import { workedExampleNear } from './fixtures/worked-example';
import { DEFAULT_TIME_ZONE } from '@doorloop/domain';

interface Milestone {
  kind: string;
  occurrence: number;
  fireDate: string;
  dueDate: string;
  status: string;
  assignees: { organisationId: string; role: string }[];
}
interface Problem {
  status: number;
  errors: { field: string; detail: string }[];
}

/** DOMAIN.md, "Worked example": the fire dates its rules give, whatever day the test runs. */
const WORKED_EXAMPLE = workedExampleNear();

describe('trajectories api: facts, milestones and bad input', () => {
  let sut: Stack;
  let org: Record<string, string>;

  beforeAll(async () => {
    sut = await startStack();
    const organisations = await sut.api.get(ReferenceDataRepository).listOrganisations(await demoRegionId(sut));
    org = Object.fromEntries(organisations.filter((o) => o.role !== 'municipality').map((o) => [o.role, o.id]));
  });
  afterAll(async () => {
    await sut?.stop();
  });

  function workedExample(pseudonym: string) {
    return {
      pseudonym,
      birthDate: WORKED_EXAMPLE.facts.birthDate,
      municipalityCode: 'GM9901',
      partners: [
        { organisationId: org.police, role: 'police' },
        { organisationId: org.school, role: 'school' },
        { organisationId: org['youth-protection'], role: 'youth-protection' },
        { organisationId: org['adult-care'], role: 'adult-care' },
        { organisationId: org.wmo, role: 'wmo' },
      ],
      placements: [
        {
          type: 'closed',
          startDate: WORKED_EXAMPLE.facts.placementStart,
          providerOrganisationId: org['specialised-care'],
          authorisationEndDate: WORKED_EXAMPLE.facts.authorisationEnd,
        },
      ],
      courtMeasures: [{ type: 'ots', startDate: WORKED_EXAMPLE.facts.otsStart, endDate: WORKED_EXAMPLE.facts.otsEnd }],
    };
  }

  async function milestonesOnceProjected(id: string): Promise<Milestone[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { status, body } = await requestAs<{ items: Milestone[] }>(
        sut,
        'coordinator',
        'GET',
        `/api/v1/trajectories/${id}/milestones`,
      );
      expect(status).toBe(200);
      const settled = body.items.length > 0 && !body.items.some((m) => m.status === 'late');
      if (settled || Date.now() > deadline) return body.items;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('shows exactly the milestones of the worked example, past ones fired and upcoming ones waiting', async () => {
    const created = await requestAs<{ id: string; placements: { id: string }[]; transfers: number }>(
      sut,
      'coordinator',
      'POST',
      '/api/v1/trajectories',
      workedExample('TRJ-7F3K'),
    );
    expect(created.status).toBe(201);
    expect(created.body.placements).toHaveLength(1);
    expect(created.body.transfers).toBe(0);

    const milestones = await milestonesOnceProjected(created.body.id);
    // Fire order is the API's; within one fire date the order is not part of the rules, so compare sorted.
    const byDateKindOccurrence = (a: (string | number)[], b: (string | number)[]) => String(a).localeCompare(String(b));
    const rows = milestones.map((m) => [m.fireDate, m.kind, m.occurrence]);
    expect(rows.map((r) => r[0])).toEqual([...rows.map((r) => r[0])].sort());
    expect([...rows].sort(byDateKindOccurrence)).toEqual(
      WORKED_EXAMPLE.fireDates.map(([k, o, d]) => [d, k, o]).sort(byDateKindOccurrence),
    );

    const today = DateTime.now().setZone(DEFAULT_TIME_ZONE).toISODate() ?? '';
    for (const m of milestones) {
      expect(m.fireDate < today ? ['fired', 'missed'] : ['upcoming', 'fired']).toContain(m.status);
    }
    // The transition review asks the care provider, adult care, Wmo, the coordinator and every other partner.
    const review = milestones.find((m) => m.kind === 'transition-review');
    expect(review?.assignees.map((a) => a.organisationId)).toEqual(
      expect.arrayContaining([
        org['specialised-care'],
        org['adult-care'],
        org.wmo,
        org.coordinator,
        org.police,
        org.school,
      ]),
    );
    // A fired milestone is due when its tasks are: for a late one, counted from when it actually fired.
    const { body: tasks } = await requestAs<{ items: { kind: string; dueAt: string }[] }>(
      sut,
      'coordinator',
      'GET',
      `/api/v1/tasks?trajectoryId=${created.body.id}`,
    );
    const futurePlanTask = tasks.items.find((t) => t.kind === 'future-plan');
    const futurePlan = milestones.find((m) => m.kind === 'future-plan');
    expect(futurePlanTask).toBeDefined();
    expect(futurePlan?.dueDate).toBe(
      DateTime.fromISO(futurePlanTask?.dueAt ?? '')
        .setZone(DEFAULT_TIME_ZONE)
        .toISODate(),
    );
    const handover = milestones.find((m) => m.kind === 'handover');
    expect(handover?.dueDate).toBe(WORKED_EXAMPLE.facts.handoverDue);
  });

  it('returns the stored facts with generated ids', async () => {
    const created = await requestAs<{ id: string }>(
      sut,
      'coordinator',
      'POST',
      '/api/v1/trajectories',
      workedExample('TRJ-F4CT'),
    );
    const { status, body } = await requestAs<{ partners: unknown[]; courtMeasures: { id: string; type: string }[] }>(
      sut,
      'coordinator',
      'GET',
      `/api/v1/trajectories/${created.body.id}`,
    );
    expect(status).toBe(200);
    expect(body.partners).toHaveLength(5);
    expect(body.courtMeasures.map((m) => m.type)).toEqual(['ots']);
    expect(body.courtMeasures[0].id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['a birth date in the future', { birthDate: DateTime.now().plus({ days: 2 }).toISODate() }, ['birthDate']],
    [
      'a birth date more than 27 years ago',
      { birthDate: DateTime.now().minus({ years: 28 }).toISODate() },
      ['birthDate'],
    ],
    [
      'a placement ending before it starts',
      (o: Record<string, string>) => ({
        placements: [
          {
            type: 'ambulant',
            startDate: plusMonths(today(), -6),
            endDate: plusMonths(today(), -7),
            providerOrganisationId: o['youth-care'],
          },
        ],
      }),
      ['placements[0].endDate'],
    ],
    [
      'an unknown organisation',
      { partners: [{ organisationId: '00000000-0000-4000-8000-000000000001', role: 'police' }] },
      ['partners[0].organisationId'],
    ],
    ['a bad municipality code', { municipalityCode: 'GM12' }, ['municipalityCode']],
    ['an unknown field', { favouriteColour: 'red' }, ['favouriteColour']],
    [
      'an unknown field inside a placement',
      (o: Record<string, string>) => ({
        placements: [
          { type: 'closed', startDate: plusMonths(today(), -6), providerOrganisationId: o['youth-care'], ward: '3B' },
        ],
      }),
      ['placements[0].ward'],
    ],
    [
      'an unknown placement type',
      { placements: [{ type: 'hotel', startDate: plusMonths(today(), -6), providerOrganisationId: 'x' }] },
      ['placements[0].type', 'placements[0].providerOrganisationId'],
    ],
  ])('refuses %s with a problem naming the field, and stores and starts nothing', async (_name, change, fields) => {
    const before = await sut.dataSource.getRepository(TrajectoryEntity).count();
    const body = {
      pseudonym: 'TRJ-8AD1',
      birthDate: bornAgo(17, 6),
      municipalityCode: 'GM9901',
      ...(typeof change === 'function' ? change(org) : change),
    };
    const response = await requestAs<Problem>(sut, 'coordinator', 'POST', '/api/v1/trajectories', body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e) => e.field).sort()).toEqual([...fields].sort());
    expect(await sut.dataSource.getRepository(TrajectoryEntity).count()).toBe(before);
  });
});
