import {
  DefaultLogger,
  makeTelemetryFilterString,
  Runtime,
  Worker,
  type ReplayWorkerOptions,
} from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJson } from './history-json';
import { HISTORIES_DIR } from './support';

/**
 * The replay corpus: histories recorded from real runs of earlier workflow code (test/fixtures/histories, grown with
 * RECORD_HISTORIES=1, see docs/workflow.md). Today's bundle must replay every one of them: a change that would break
 * a running trajectory fails here, before it reaches a worker.
 */
describe('replay corpus', () => {
  beforeAll(() => {
    try {
      // Quiet: the replay workers' state changes, and the nondeterminism the last test provokes on purpose.
      Runtime.install({
        logger: new DefaultLogger('ERROR'),
        telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
      });
    } catch {
      // A runtime is already installed in this process (a stack of another test file): keep it.
    }
  });
  const files = readdirSync(HISTORIES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort();
  const load = (file: string): unknown => JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8'));
  const options = (): ReplayWorkerOptions => {
    const codePath = process.env.WORKFLOW_BUNDLE_PATH;
    if (!codePath) throw new Error('WORKFLOW_BUNDLE_PATH is not set: run with the integration project');
    return { workflowBundle: { codePath }, replayName: 'doorloop-replay-corpus' };
  };

  it('holds histories of the trajectory workflow', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it('replays every history without nondeterminism against the current workflow bundle', async () => {
    const histories = files.map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      history: historyFromJson(load(file)),
    }));
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories(options(), histories)) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.name}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  });

  it('notices a history the code does not produce (the check can fail)', async () => {
    const json = load(files[0]) as {
      events: { activityTaskScheduledEventAttributes?: { activityType: { name: string } } }[];
    };
    const scheduled = json.events.find((event) => event.activityTaskScheduledEventAttributes);
    if (!scheduled?.activityTaskScheduledEventAttributes) throw new Error(`${files[0]} schedules no activity`);
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'anActivityThisWorkflowNeverCalls';
    await expect(Worker.runReplayHistory(options(), historyFromJson(json), 'tampered')).rejects.toBeInstanceOf(
      DeterminismViolationError,
    );
  });
});
