import { trajectoryWorkflowId } from '@doorloop/temporal';
import {
  evaluatingForAllTests,
  evaluationsEveryTwoSeconds,
  firedKeysInHistories,
  runChain,
  state,
  tasks,
  temporalClient,
  waitFor,
} from './support';

// Low enough for several runs in seconds; above the minimum so that a run fires something besides its fixed costs
// (start, the patch marker and its search attribute, the agenda projection).
const MAX_EVENTS = 50;
// An evaluation every two seconds from the start of today, nothing else: each run has room for about one.
const policy = evaluationsEveryTwoSeconds('test-continue-as-new');

/** The workflow continues as new long before Temporal would suggest it, and the chain carries on where it was. */
describe('continue-as-new with a lowered event bound', () => {
  const scenario = evaluatingForAllTests('continue-as-new', policy, {
    partner: 'school',
    placement: 'foster-family',
    maxEventsPerRun: MAX_EVENTS,
    // Two runs are enough for the corpus: a first run and a continued one.
    runs: 2,
  });

  it('keeps every run within the bound, fires every evaluation once, in sequence, none twice', async () => {
    const { stack, id, handle } = scenario();
    const client = temporalClient(stack);
    const workflowId = trajectoryWorkflowId(id);
    await waitFor(
      () => runChain(client, workflowId),
      (chain) => chain.length >= 5,
      {
        what: 'five runs',
        timeoutMs: 40_000,
      },
    );
    const chain = await runChain(client, workflowId);
    for (const run of chain) expect(run.length).toBeLessThanOrEqual(MAX_EVENTS);
    // Every run but the latest ended by continuing as new.
    for (const run of chain.slice(0, -1)) {
      expect(run.history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    }

    const scheduled = firedKeysInHistories(chain.map((run) => run.history));
    expect(new Set(scheduled).size).toBe(scheduled.length);
    const rows = await tasks(stack, id);
    const keys = [...new Set(rows.map((t) => t.occurrenceKey))];
    // Each fired occurrence has one task per organisation (provider and school): nothing created twice.
    expect(rows).toHaveLength(keys.length * 2);
    expect(keys.length).toBeGreaterThanOrEqual(chain.length - 1);
    // The evaluations form an unbroken sequence: nothing was lost between runs. Only the first can have fired late
    // (the one already past when the workflow started); the horizon carried across runs keeps the others on time.
    const numbers = keys.map((key) => Number(key.split(':').at(-1))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, index) => numbers[0] + index));
    const late = new Set(rows.filter((t) => t.late).map((t) => t.occurrenceKey));
    expect([...late].filter((key) => key !== `placement-evaluation:P-1:${numbers[0]}`)).toEqual([]);

    expect(keys).toEqual(expect.arrayContaining(scheduled));

    // The latest run knows everything the earlier ones fired.
    const current = await state(handle);
    expect(current.fired).toEqual(expect.arrayContaining(keys));
    expect(current.revision).toBe(1);
  });
});
