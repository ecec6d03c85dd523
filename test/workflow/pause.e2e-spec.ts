import { pauseUpdate, resumeUpdate } from '@doorloop/workflows';
import { evaluatingForAllTests, evaluationsEveryTwoSeconds, state, tasks, waitFor } from './support';

const HOUR = 3_600_000;
// Evaluations every two seconds from the start of today, due an hour after they fire; the ages lie years ahead, so
// evaluations are all that fires.
const policy = evaluationsEveryTwoSeconds('test-pause');

/** A paused trajectory fires nothing; resuming extends the open tasks' due moments by the pause, once. */
describe('pause and resume on the real workflow', () => {
  const scenario = evaluatingForAllTests('pause-resume', policy, { partner: 'police', placement: 'open-residential' });

  const pauseExtensions = async () => {
    const { stack, id } = scenario();
    return stack.dataSource.query<{ extended: number }[]>(
      `SELECT extended FROM pause_extensions WHERE trajectory_id = $1 ORDER BY pause_from`,
      [id],
    );
  };
  /** Waits until PostgreSQL's clock, which stamps the rows asserted on, has passed `moment` (ms since the epoch). */
  const untilDatabaseTime = (moment: number) =>
    waitFor(
      async () => (await scenario().stack.dataSource.query<{ now: Date }[]>('SELECT now() AS now'))[0].now.getTime(),
      (now) => now >= moment,
      { what: `the database's clock at ${new Date(moment).toISOString()}` },
    );
  const dues = async () => {
    const { stack, id } = scenario();
    return new Map((await tasks(stack, id)).map((t) => [t.id, t.dueAt.getTime()]));
  };

  it('fires nothing while paused, fires only the latest missed evaluation (late) after resuming, and extends once', async () => {
    const { stack, id, handle } = scenario();
    const keysFired = async () => new Set((await tasks(stack, id)).map((t) => t.occurrenceKey));
    await waitFor(keysFired, (keys) => keys.size >= 3, { what: 'three evaluations' });

    await handle.executeUpdate(pauseUpdate);
    const paused = await state(handle);
    expect(paused.status).toBe('paused');
    expect(paused.nextFireAt).toBeNull();
    const from = paused.facts.pauses[0].from;
    // Two and a half evaluation intervals of the database's clock pass in the pause: two would have fired.
    await untilDatabaseTime(from + 5_000);
    const duringPause = await tasks(stack, id);
    // Nothing whose moment came after the pause began fired; an evaluation every 2 s would have fired twice.
    expect(duringPause.filter((t) => t.fireAt.getTime() > from)).toEqual([]);
    expect(duringPause.every((t) => t.status === 'open' && t.dueAt.getTime() > from)).toBe(true);
    const before = await dues();

    await handle.executeUpdate(resumeUpdate);
    const resumed = await state(handle);
    expect(resumed.status).toBe('active');
    const { to } = resumed.facts.pauses[0];
    if (to === undefined) throw new Error('the pause has no end after resuming');
    const length = to - from;
    expect(length).toBeGreaterThanOrEqual(5_000);
    // Straight after the update: every task open during the pause is due `length` later.
    const afterResume = await dues();
    for (const [taskId, due] of before) expect(afterResume.get(taskId)).toBe(due + length);
    expect(await pauseExtensions()).toEqual([{ extended: before.size }]);

    // Of the evaluations whose moment passed unfired (in the pause, and until the workflow recomputed after resuming,
    // which a loaded machine may delay past the next moment) only the latest fires, late, due from when it fired.
    const all = await waitFor(
      () => tasks(stack, id),
      (list) => list.some((t) => t.fireAt.getTime() > from && !t.late),
      { what: 'an evaluation on time after the pause' },
    );
    const late = all.filter((t) => t.fireAt.getTime() > from && t.late);
    // With every row since the pause began beside it, so that a failure shows what fired when (ms after `from`).
    const since = all.filter((t) => t.fireAt.getTime() > from);
    expect({
      lateKeys: [...new Set(late.map((t) => t.occurrenceKey))],
      resumedAfter: to - from,
      fired: since.map((t) => [t.occurrenceKey, t.fireAt.getTime() - from, t.late, t.createdAt.getTime() - from]),
    }).toMatchObject({ lateKeys: [expect.any(String)] });
    const catchUp = late[0].fireAt.getTime();
    expect(all.filter((t) => t.fireAt.getTime() > from && t.fireAt.getTime() < catchUp)).toEqual([]);
    expect(all.filter((t) => t.fireAt.getTime() > catchUp).every((t) => !t.late)).toBe(true);
    // Due an hour after it actually fired: after the resumption, before its row was stored (both moments stored).
    const firedAt = late[0].dueAt.getTime() - HOUR;
    expect(firedAt).toBeGreaterThanOrEqual(to);
    expect(firedAt).toBeLessThanOrEqual(late[0].createdAt.getTime());

    // Once: later activity (another evaluation fired after this read) changes nothing about the extended dues.
    const fired = all.length;
    await waitFor(
      () => tasks(stack, id),
      (list) => list.length > fired,
      { what: 'a later evaluation' },
    );
    const later = await dues();
    for (const [taskId, due] of before) expect(later.get(taskId)).toBe(due + length);
  });

  it('a second pause extends by its own length only', async () => {
    const { handle } = scenario();
    await handle.executeUpdate(pauseUpdate);
    // The update answers after the agenda of the pause is projected: nothing fires after this.
    const before = await dues();
    await untilDatabaseTime((await state(handle)).facts.pauses[1].from + 1_500);
    await handle.executeUpdate(resumeUpdate);
    const second = (await state(handle)).facts.pauses[1];
    if (second.to === undefined) throw new Error('the second pause has no end after resuming');
    const length = second.to - second.from;
    const after = await dues();
    for (const [taskId, due] of before) expect(after.get(taskId)).toBe(due + length);
    const extensions = await pauseExtensions();
    expect(extensions).toHaveLength(2);
    expect(extensions[1].extended).toBe(before.size);
  });
});
