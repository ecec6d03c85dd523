import { DateTime } from 'luxon';
import type { PolicyOverride } from '@doorloop/domain';
import { RegionEntity, TaskEntity } from '@doorloop/persistence';
import { requestAs, startStack, type Stack } from './stack';
import { DEFAULT_TIME_ZONE } from '@doorloop/domain';

interface TaskList {
  items: { kind: string; trajectoryId: string; late: boolean; fireAt: string; role: string; organisationId: string }[];
}

async function waitForTasks(
  stack: Stack,
  trajectoryId: string,
  count: number,
  timeoutMs = 30_000,
): Promise<TaskList['items']> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await requestAs<TaskList>(
      stack,
      'coordinator',
      'GET',
      `/api/v1/tasks?trajectoryId=${trajectoryId}`,
    );
    if (body.items.length >= count || Date.now() > deadline) return body.items;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function demoRegion(stack: Stack): Promise<RegionEntity> {
  return stack.dataSource.getRepository(RegionEntity).findOneByOrFail({ code: 'demo' });
}

describe('vertical slice: POST trajectory → workflow → timer → task row → GET tasks', () => {
  let sut: Stack;

  beforeAll(async () => {
    sut = await startStack();
  });
  afterAll(async () => {
    await sut.dataSource.getRepository(RegionEntity).save({ ...(await demoRegion(sut)), timingPolicy: null });
    await sut?.stop();
  });

  it('fires a milestone when its timer runs out, not before', async () => {
    // A compressed region policy: born today, the future plan falls due a few seconds from now.
    const amsterdamNow = DateTime.now().setZone(DEFAULT_TIME_ZONE);
    const secondsSinceBirth = Math.floor(amsterdamNow.diff(amsterdamNow.startOf('day'), 'seconds').seconds);
    const delaySeconds = 4;
    const override: PolicyOverride = {
      version: 'test-timer',
      fireTimeOfDay: null,
      ages: { futurePlan: `PT${secondsSinceBirth + delaySeconds}S` },
      milestones: { 'future-plan': { offset: 'PT0S' } },
    };
    await sut.dataSource
      .getRepository(RegionEntity)
      .save({ ...(await demoRegion(sut)), timingPolicy: { ...override } });
    const created = await requestAs<{ id: string; policyVersion: string }>(
      sut,
      'coordinator',
      'POST',
      '/api/v1/trajectories',
      {
        pseudonym: 'TRJ-T1M3',
        birthDate: amsterdamNow.toISODate(),
        municipalityCode: 'GM9901',
      },
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/trajectories/${created.body.id}`);
    expect(created.body.policyVersion).toBe('test-timer');

    const right = await requestAs<TaskList>(sut, 'coordinator', 'GET', `/api/v1/tasks?trajectoryId=${created.body.id}`);
    expect(right.body.items).toEqual([]);

    const tasks = await waitForTasks(sut, created.body.id, 1);
    expect(tasks).toEqual([
      expect.objectContaining({ kind: 'future-plan', late: false, trajectoryId: created.body.id }),
    ]);
    const firedAt = Date.parse(tasks[0].fireAt);
    const row = await sut.dataSource.getRepository(TaskEntity).findOneByOrFail({ trajectoryId: created.body.id });
    // The row was written after the moment it was scheduled for: the workflow waited for its timer.
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(firedAt);
  });

  it('fires milestones already past at once, marked late, when a trajectory starts late', async () => {
    await sut.dataSource.getRepository(RegionEntity).save({ ...(await demoRegion(sut)), timingPolicy: null });
    const seventeen = DateTime.now().setZone(DEFAULT_TIME_ZONE).minus({ years: 17, months: 6 }).toISODate();
    const created = await requestAs<{ id: string }>(sut, 'coordinator', 'POST', '/api/v1/trajectories', {
      pseudonym: 'TRJ-L4TE',
      birthDate: seventeen,
      municipalityCode: 'GM9902',
    });
    expect(created.status).toBe(201);
    const tasks = await waitForTasks(sut, created.body.id, 2);
    // 17½: the future plan (16 + 6 months) and the adult-care involvement (18 − 18 months) are past; the transition
    // review (18 − 6 months) falls today or later. Without partners, the coordinator receives them.
    expect(tasks.map((t) => [t.kind, t.late, t.role]).sort()).toEqual(
      expect.arrayContaining([
        ['adult-care-involvement', true, 'coordinator'],
        ['future-plan', true, 'coordinator'],
      ]),
    );
    const again = await requestAs<{ status: number }>(
      sut,
      'coordinator',
      'GET',
      `/api/v1/trajectories/${created.body.id}`,
    );
    expect(again.status).toBe(200);
  });
});
