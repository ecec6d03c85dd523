import { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import { requireFieldKeys } from '@doorloop/config';
import { EnvelopeCipher, open as openSealed, SealedDataError } from '@doorloop/crypto';
import { TASK_TABLES, TRAJECTORY_TABLES, TrajectoryIdentityEntity } from '@doorloop/persistence';
import { RETENTION_WORKFLOW_TYPE, retentionScheduleId, trajectoryWorkflowId } from '@doorloop/temporal';
import type { RetentionSummary } from '@doorloop/workflows';
import { startStack, type Stack, requestAs } from './stack';
import { DEFAULT_TIME_ZONE } from '@doorloop/domain';

// Compressed periods: identifying fields 2 days after closure, the case 7 days after.
const RETENTION = 'case-data=P7D,identity=P2D';
const today = () => DateTime.now().setZone(DEFAULT_TIME_ZONE);

describe('retention: the daily job erases what has expired, and nothing else', () => {
  let sut: Stack;
  let client: Client;
  const ids: Record<'expired' | 'identityExpired' | 'active' | 'stillRunning', string> = {
    expired: '',
    identityExpired: '',
    active: '',
    stillRunning: '',
  };
  let expiredIdentityCopy: TrajectoryIdentityEntity;

  const rowsOf = async (trajectoryId: string): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const table of ['trajectories', ...TRAJECTORY_TABLES]) {
      const column = table === 'trajectories' ? 'id' : 'trajectory_id';
      const [{ count }] = await sut.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM ${table} WHERE ${column} = $1`,
        [trajectoryId],
      );
      counts[table] = count;
    }
    return counts;
  };

  async function createWithIdentity(pseudonym: string): Promise<string> {
    const organisations = await requestAs<{ items: { id: string; role: string }[] }>(
      sut,
      'coordinator',
      'GET',
      '/api/v1/organisations',
    );
    const police = organisations.body.items.find((o) => o.role === 'police');
    const created = await requestAs<{ id: string }>(sut, 'coordinator', 'POST', '/api/v1/trajectories', {
      pseudonym,
      // 17½: milestones already past fire at once, so there are tasks and an agenda to erase.
      birthDate: today().minus({ years: 17, months: 6 }).toISODate(),
      municipalityCode: 'GM9901',
      partners: [{ organisationId: police?.id, role: 'police' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const identity = await requestAs(sut, 'coordinator', 'PUT', `/api/v1/trajectories/${id}/identity`, {
      name: `Demo Bewaartermijn ${pseudonym}`,
      bsn: '111222333',
    });
    expect(identity.status).toBe(200);
    await waitFor(async () => (await rowsOf(id)).tasks > 0, 'the late milestones to fire');
    return id;
  }

  /** Closes through the api, then moves the closure date back `days`, as if the trajectory had closed then. */
  async function closeDaysAgo(id: string, days: number, workflowEnded: boolean): Promise<void> {
    const closed = await requestAs(sut, 'coordinator', 'POST', `/api/v1/trajectories/${id}/closure`, {
      date: today().toISODate(),
      checklist: { housing: { status: 'arranged' } },
      override: { reason: 'Demo: bewaartermijntest.' },
    });
    expect(closed.status).toBe(200);
    await waitFor(async () => {
      const [row] = await sut.dataSource.query<{ status: string }[]>(`SELECT status FROM trajectories WHERE id = $1`, [
        id,
      ]);
      return row.status === 'closed';
    }, 'the closure to be projected');
    // A workflow ends about a year after closure, long before any retention period; here it ends now.
    if (workflowEnded) await client.workflow.getHandle(trajectoryWorkflowId(id)).terminate('test: closed long ago');
    const closedOn = today().minus({ days }).toISODate();
    await sut.dataSource.query(
      `UPDATE trajectories SET facts = jsonb_set(facts, '{closure,date}', to_jsonb($2::text)) WHERE id = $1`,
      [id, closedOn],
    );
    await sut.dataSource.query(`UPDATE trajectory_closures SET closed_on = $2 WHERE trajectory_id = $1`, [
      id,
      closedOn,
    ]);
  }

  async function runScheduledJob(): Promise<RetentionSummary> {
    const schedule = client.schedule.getHandle(retentionScheduleId(sut.config.TEMPORAL_TASK_QUEUE));
    const before = (await schedule.describe()).info.recentActions.length;
    await schedule.trigger();
    let workflowId = '';
    let runId = '';
    await waitFor(async () => {
      const actions = (await schedule.describe()).info.recentActions;
      if (actions.length <= before) return false;
      ({ workflowId, firstExecutionRunId: runId } = actions[actions.length - 1].action.workflow);
      return true;
    }, 'the schedule to start the job');
    return client.workflow.getHandle<() => Promise<RetentionSummary>>(workflowId, runId).result();
  }

  beforeAll(async () => {
    sut = await startStack({ RETENTION });
    client = sut.api.get(Client);
    ids.expired = await createWithIdentity('TRJ-RT01');
    ids.identityExpired = await createWithIdentity('TRJ-RT02');
    ids.active = await createWithIdentity('TRJ-RT03');
    ids.stillRunning = await createWithIdentity('TRJ-RT04');
    await closeDaysAgo(ids.expired, 30, true);
    await closeDaysAgo(ids.identityExpired, 3, true);
    await closeDaysAgo(ids.stillRunning, 30, false);
    expiredIdentityCopy = await sut.dataSource
      .getRepository(TrajectoryIdentityEntity)
      .findOneByOrFail({ trajectoryId: ids.expired });
  });
  afterAll(async () => {
    await client?.workflow
      .getHandle(trajectoryWorkflowId(ids.stillRunning))
      .terminate('test done')
      .catch(() => undefined);
    await sut?.stop();
  });

  it('is scheduled daily by the worker, a real Temporal Schedule on its task queue', async () => {
    const description = await client.schedule.getHandle(retentionScheduleId(sut.config.TEMPORAL_TASK_QUEUE)).describe();
    expect(description.spec.calendars).toEqual([expect.objectContaining({ hour: [{ start: 2, end: 2, step: 1 }] })]);
    expect(description.spec.timezone).toBe(DEFAULT_TIME_ZONE);
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: RETENTION_WORKFLOW_TYPE,
      taskQueue: sut.config.TEMPORAL_TASK_QUEUE,
    });
    expect(description.policies.overlap).toBe('SKIP');
  });

  it('erases the expired case whole, shreds an expired identity, and leaves the rest alone', async () => {
    const before = {
      identityExpired: await rowsOf(ids.identityExpired),
      active: await rowsOf(ids.active),
      stillRunning: await rowsOf(ids.stillRunning),
    };
    expect(before.active.tasks).toBeGreaterThan(0);

    const summary = await runScheduledJob();

    expect(summary['case-data'].erased).toBeGreaterThanOrEqual(1);
    expect(summary['case-data'].deferred).toBeGreaterThanOrEqual(1);
    expect(summary.identity.erased).toBeGreaterThanOrEqual(1);
    expect(summary['case-data'].failed + summary.identity.failed).toBe(0);

    // Closed 30 days ago, its workflow over: nothing of it is left, in any table.
    expect(Object.values(await rowsOf(ids.expired)).every((count) => count === 0)).toBe(true);
    expect((await requestAs(sut, 'coordinator', 'GET', `/api/v1/trajectories/${ids.expired}`)).status).toBe(404);
    // Closed 3 days ago: the identity (2 days) is shredded, the case (7 days) kept.
    expect(await rowsOf(ids.identityExpired)).toEqual({ ...before.identityExpired, trajectory_identities: 0 });
    const shredded = await requestAs(sut, 'coordinator', 'GET', `/api/v1/trajectories/${ids.identityExpired}/identity`);
    expect(shredded.body).toEqual({ name: null, bsn: null, keptFields: ['name', 'bsn'] });
    // Not closed: untouched.
    expect(await rowsOf(ids.active)).toEqual(before.active);
    const kept = await requestAs(sut, 'coordinator', 'GET', `/api/v1/trajectories/${ids.active}/identity`);
    expect(kept.body).toMatchObject({ name: 'Demo Bewaartermijn TRJ-RT03', bsn: '111222333' });
    // Expired, but its workflow still runs: the case is left for a later run; the identity, which no workflow uses, is
    // shredded all the same.
    expect(await rowsOf(ids.stillRunning)).toEqual({ ...before.stillRunning, trajectory_identities: 0 });
  });

  it('destroys the data key: value ciphertexts that survive elsewhere no longer open, not even with the master key', async () => {
    expect(await sut.dataSource.getRepository(TrajectoryIdentityEntity).countBy({ trajectoryId: ids.expired })).toBe(0);
    const masterKeys = sut.config.FIELD_KEYS?.entries() ?? [];
    expect(masterKeys.length).toBeGreaterThan(0);
    for (const [, masterKey] of masterKeys) {
      for (const field of ['name', 'bsn'] as const) {
        const aad = Buffer.from(`field\0${field}\0${ids.expired}`);
        expect(() => openSealed(masterKey, expiredIdentityCopy[field] ?? Buffer.alloc(0), aad)).toThrow(
          SealedDataError,
        );
      }
    }
    // With the data key (which the copy taken before the job still holds wrapped) they do open: that key is what the
    // job destroyed. Backups holding it stay readable until they expire or their master key is retired.
    const { keys, currentKeyId } = requireFieldKeys(sut.config);
    const cipher = new EnvelopeCipher({ currentKeyId, keys: keys.entries() });
    const { name, bsn } = expiredIdentityCopy;
    expect(cipher.open(ids.expired, { ...expiredIdentityCopy, values: { name, bsn } })).toEqual({
      name: 'Demo Bewaartermijn TRJ-RT01',
      bsn: '111222333',
    });
  });

  it('is harmless run twice: nothing more to erase, nothing else changed', async () => {
    const before = await Promise.all(Object.values(ids).map(rowsOf));
    const summary = await runScheduledJob();
    expect(summary['case-data'].erased).toBe(0);
    expect(summary.identity.erased).toBe(0);
    expect(await Promise.all(Object.values(ids).map(rowsOf))).toEqual(before);
  });

  it('knows every table that holds a trajectory’s rows (a new one must join TRAJECTORY_TABLES)', async () => {
    const referencing = await sut.dataSource.query<{ table: string }[]>(`
      WITH RECURSIVE refs(tbl) AS (
        SELECT conrelid FROM pg_constraint WHERE contype = 'f' AND confrelid = 'trajectories'::regclass
        UNION
        SELECT c.conrelid FROM pg_constraint c JOIN refs r ON c.confrelid = r.tbl WHERE c.contype = 'f'
      )
      SELECT DISTINCT tbl::regclass::text AS table FROM refs ORDER BY 1`);
    expect(referencing.map((row) => row.table)).toEqual([...TRAJECTORY_TABLES, ...TASK_TABLES].sort());
  });
});

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
