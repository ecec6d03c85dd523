import { createSecretKey, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SubjectHasher } from '@doorloop/crypto';
import { ReferenceDataRepository, SignalRepository, TrajectoryRepository } from '@doorloop/persistence';
import type { SignalTriageWorkflowInput } from '@doorloop/workflows';
import type { Principal } from '../../apps/api/src/auth/principal';
import { SignalTriageWorkflows } from '../../apps/api/src/signals/signal-triage-workflows.port';
import { SignalsService } from '../../apps/api/src/signals/signals.service';
import { principalOf } from '../factories/principal.factory';
import { createTestRegion, type TestRegion } from '../test-region';
import { mediumDatabase } from './database';
import { refusalOf, unreachable } from './problems';

/** Records each start; `fail` makes the next one throw; `whileStarting` runs inside the call. */
class RecordingSignalTriageWorkflows extends SignalTriageWorkflows {
  readonly started: SignalTriageWorkflowInput[] = [];
  fail: Error | undefined;
  whileStarting: ((input: SignalTriageWorkflowInput) => Promise<void>) | undefined;

  async start(input: SignalTriageWorkflowInput): Promise<void> {
    this.started.push(input);
    await this.whileStarting?.(input);
    const failure = this.fail;
    this.fail = undefined;
    if (failure) throw failure;
  }
}

describe('SignalsService (PostgreSQL, Temporal stubbed at its port)', () => {
  let dataSource: DataSource;
  let region: TestRegion;
  let police: Principal;
  let workflows: RecordingSignalTriageWorkflows;
  let sut: SignalsService;

  beforeAll(async () => {
    dataSource = await mediumDatabase();
    region = await createTestRegion(dataSource);
    police = await principalOf(dataSource, region.users.police);
  });
  afterAll(() => dataSource.destroy());

  beforeEach(() => {
    workflows = new RecordingSignalTriageWorkflows();
    sut = new SignalsService(
      new SignalRepository(dataSource),
      new TrajectoryRepository(dataSource),
      new ReferenceDataRepository(dataSource),
      new SubjectHasher({ currentKeyId: 'k1', keys: [['k1', createSecretKey(randomBytes(32))]] }),
      workflows,
    );
  });

  const input = {
    category: 'sexual-exploitation' as const,
    description: 'Demo: signaal voor de medium-test.',
    meldcodeStep: 'step-1-map-signals' as const,
    subject: { bsn: '111222333' },
  };
  const countOf = async (table: 'signals' | 'tasks', column: string, id: string) =>
    (await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [id]))[0]
      .n;

  it('writes the signal and its triage task in one transaction, and starts the workflow before it commits', async () => {
    const seen: number[] = [];
    workflows.whileStarting = async ({ signalId }) => {
      // Another connection of the pool sees only what is committed: nothing yet.
      seen.push(await countOf('signals', 'id', signalId), await countOf('tasks', 'signal_id', signalId));
    };

    const signal = await sut.record(police, input);

    expect(seen).toEqual([0, 0]);
    expect(workflows.started.map((start) => start.signalId)).toEqual([signal.id]);
    expect(typeof workflows.started[0].reminderAt).toBe('number');
    const [task] = await dataSource.query<{ kind: string; organisation_id: string; due_at: Date; status: string }[]>(
      `SELECT kind, organisation_id, due_at, status FROM tasks WHERE signal_id = $1`,
      [signal.id],
    );
    expect(task).toMatchObject({
      kind: 'signal-triage',
      organisation_id: region.organisations.coordinator,
      status: 'open',
    });
    expect(task.due_at.getTime()).toBe(workflows.started[0].dueAt);
  });

  it('stores nothing when the workflow cannot be started, and answers 503 to send again', async () => {
    const before = await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM signals`);
    workflows.fail = unreachable();

    expect(await refusalOf(sut.record(police, { ...input, subject: { bsn: '123456782' } }))).toMatchObject({
      status: 503,
      code: 'workflow-unavailable',
    });

    const [started] = workflows.started;
    expect(await countOf('signals', 'id', started.signalId)).toBe(0);
    expect(await countOf('tasks', 'signal_id', started.signalId)).toBe(0);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM signals`)).toEqual(before);
  });
});
