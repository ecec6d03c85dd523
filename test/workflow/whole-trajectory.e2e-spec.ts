import { DateTime } from 'luxon';
import { continuityOf, type TimingPolicy } from '@doorloop/domain';
import { trajectoryWorkflowId } from '@doorloop/temporal';
import { closeUpdate } from '@doorloop/workflows';
import { organisationsByRole, stackForAllTests } from '../stack';
import {
  agenda,
  compressed,
  firedInHistories,
  localDate,
  recordHistories,
  runChain,
  seconds,
  sleep,
  startTrajectory,
  state,
  tasks,
  temporalClient,
  ZONE,
} from './support';

const MAX_EVENTS = 100;
const EVALUATION_MS = 8_000;

/** Milliseconds of a compressed duration (`PT6S`, `-PT1.38S`). */
function ms(duration: string): number {
  const match = /^(-)?PT(\d+(?:\.\d+)?)S$/.exec(duration);
  if (!match) throw new Error(`not a compressed duration: ${duration}`);
  return Math.round(Number(match[2]) * 1000) * (match[1] ? -1 : 1);
}

/**
 * One young person's trajectory from 16 through 18 to closure and aftercare, on a compressed policy (a month lasts a
 * second) anchored on the seconds since the local midnight of her date of birth, which is today. She is in closed care
 * from today, with treatment from today, evaluated every 8 s; `g` is an evaluation moment a few seconds ahead. Her 16th birthday falls at g − 2 s
 * (future plan g + 4), her 18th at g + 25 (adult-care involvement g + 7, transition review g + 19, handover g + 22,
 * closed-care limit g + 31 with its warning at g + 29.6; continuation decision g + 20, adulthood administration with the
 * handover at g + 22); the coordinator closes the trajectory at g + 35 and the
 * aftercare check-ins follow at g + 38, 41 and 47. No two moments lie closer than a second but the handover and the
 * adulthood administration, which fire in the order of their kinds.
 */
describe('a whole trajectory on a compressed policy', () => {
  const stack = stackForAllTests();

  it('fires every task exactly once, in order, through closure and aftercare, and completes', async () => {
    const org = await organisationsByRole(stack());
    // Evaluations fall every 8 s from midnight; `g` is one of them, at least 3 s after the workflow starts (`t0`).
    const t0 = Date.now() + 2_000;
    const midnight = DateTime.fromMillis(t0, { zone: ZONE }).startOf('day').toMillis();
    const g = midnight + Math.ceil((t0 + 3_000 - midnight) / EVALUATION_MS) * EVALUATION_MS;
    const atG = (g - midnight) / 1000;
    const policy: TimingPolicy = compressed('test-whole-trajectory', {
      ages: { futurePlan: seconds(atG - 2), adulthood: seconds(atG + 25), extendedCareEnd: seconds(atG + 85) },
      milestones: { 'placement-evaluation': { interval: seconds(EVALUATION_MS / 1000) } },
    });
    const { id, handle } = await startTrajectory(stack(), {
      policy,
      maxEventsPerRun: MAX_EVENTS,
      facts: {
        birthDate: localDate(t0),
        partners: [
          { organisationId: org.police, role: 'police' },
          { organisationId: org.school, role: 'school' },
          { organisationId: org['adult-care'], role: 'adult-care' },
          { organisationId: org.wmo, role: 'wmo' },
        ],
        placements: [
          // Treatment starts with the placement, so no treatment-start task fires (issue 13; its own specs cover it).
          {
            id: 'P-1',
            type: 'closed',
            startDate: localDate(t0),
            treatmentStartDate: localDate(t0),
            providerOrganisationId: org['specialised-care'],
          },
        ],
        courtMeasures: [],
        pauses: [],
      },
    });

    await sleep(g + 35_000 - Date.now());
    await handle.executeUpdate(closeUpdate, { args: [{ date: localDate() }] });
    const closedAt = (await state(handle)).facts.closure?.at;
    if (closedAt === undefined) throw new Error('the closure has no moment');
    // Nothing upcoming after the last aftercare check-in: the workflow completes by itself.
    await handle.result();

    // What DOMAIN.md's rules give for these facts, computed here from the policy's numbers.
    const m = policy.milestones;
    const continuity = continuityOf(policy);
    const sixteen = midnight + ms(policy.ages.futurePlan);
    const eighteen = midnight + ms(policy.ages.adulthood);
    const closedCareLimit = eighteen + ms(m['closed-care-limit'].limit);
    const interval = ms(m['placement-evaluation'].interval);
    const expected: [string, number][] = [
      ['future-plan:1', sixteen + ms(m['future-plan'].offset)],
      ['adult-care-involvement:1', eighteen + ms(m['adult-care-involvement'].offset)],
      ['transition-review:1', eighteen + ms(m['transition-review'].offset)],
      ['handover:1', eighteen + ms(m.handover.offset)],
      // Continuity at 18: the decision at 18 − 5 months (g + 20), adulthood administration with the handover (g + 22).
      ['continuation-decision:1', eighteen + ms(continuity['continuation-decision'].offset)],
      ['adulthood-admin:1', eighteen + ms(continuity['adulthood-admin'].offset)],
      ['closed-care-limit:1', closedCareLimit + ms(m['closed-care-limit'].warning)],
      ...m['aftercare-check-in'].offsets.map((offset, k): [string, number] => [
        `aftercare-check-in:${k + 1}`,
        closedAt + ms(offset),
      ]),
    ];
    const all = await tasks(stack(), id);
    // The coordinator's consolidations follow the evaluations; the milestones are checked first, on their own.
    const rows = all.filter((t) => t.kind !== 'evaluation-consolidation');
    const consolidations = all.filter((t) => t.kind === 'evaluation-consolidation');
    // The evaluations: the latest one before the start fires late, then every one up to the closed-care limit.
    const evaluations = rows.filter((t) => t.kind === 'placement-evaluation');
    const first = Math.min(...evaluations.map((t) => t.occurrence));
    expect(midnight + first * interval).toBeLessThan(g);
    for (let k = first; midnight + k * interval <= Math.min(closedCareLimit, closedAt); k += 1) {
      expected.push([`placement-evaluation:P-1:${k}`, midnight + k * interval]);
    }
    expected.sort((a, b) => a[1] - b[1]);

    // Every occurrence once, at its moment, in the order of those moments.
    const byKey = new Map<string, { fireAt: number; createdAt: number; late: boolean }>();
    for (const task of rows) {
      const seen = byKey.get(task.occurrenceKey);
      const createdAt = Math.min(seen?.createdAt ?? Infinity, task.createdAt.getTime());
      byKey.set(task.occurrenceKey, { fireAt: task.fireAt.getTime(), createdAt, late: task.late });
    }
    const byMoment = [...byKey.entries()].sort((a, b) => a[1].fireAt - b[1].fireAt);
    expect(byMoment.map(([key, task]) => [key, task.fireAt])).toEqual(expected);
    const byCreation = [...byKey.entries()].sort((a, b) => a[1].createdAt - b[1].createdAt).map(([key]) => key);
    expect(byCreation).toEqual(expected.map(([key]) => key));
    for (const [, task] of byMoment) expect(task.createdAt).toBeGreaterThanOrEqual(task.fireAt - 50);
    expect(byMoment.filter(([, task]) => task.late).map(([key]) => key)).toEqual([`placement-evaluation:P-1:${first}`]);
    // Every evaluation is consolidated once, by the coordinator, after it fired (here at its due: nobody answers).
    const evaluationKeys = expected.map(([key]) => key).filter((key) => key.startsWith('placement-evaluation:'));
    expect(consolidations.map((t) => t.occurrenceKey).sort()).toEqual(
      evaluationKeys.map((k) => `${k}/consolidation`).sort(),
    );
    for (const consolidation of consolidations) {
      const evaluation = byKey.get(consolidation.occurrenceKey.replace('/consolidation', ''));
      expect(consolidation.createdAt.getTime()).toBeGreaterThan(evaluation?.fireAt ?? Infinity);
    }
    // Nothing after closure but aftercare: extended care's end (23) is never reached.
    expect(rows.some((t) => t.kind === 'extended-care-end')).toBe(false);

    // Across the whole chain every occurrence was fired by one activity, and no run exceeded the bound.
    const chain = await runChain(temporalClient(stack()), trajectoryWorkflowId(id));
    expect(chain.length).toBeGreaterThanOrEqual(2);
    for (const run of chain) expect(run.length).toBeLessThanOrEqual(MAX_EVENTS);
    expect(chain.at(-1)?.history.events?.at(-1)?.workflowExecutionCompletedEventAttributes).toBeTruthy();
    const fired = firedInHistories(chain.map((run) => run.history));
    expect(fired.map((occurrence) => occurrence.key).sort()).toEqual(
      [...expected.map(([key]) => key), ...evaluationKeys.map((k) => `${k}/consolidation`)].sort(),
    );
    // The handover goes from the closed placement's provider to the adult-care partner, who must acknowledge it.
    expect(fired.find((occurrence) => occurrence.kind === 'handover')).toMatchObject({
      sendingOrganisationId: org['specialised-care'],
      receivingOrganisationId: org['adult-care'],
    });
    const final = await agenda(stack(), id);
    expect(final.filter((row) => row.status !== 'fired' && row.status !== 'missed')).toEqual([]);

    await recordHistories(temporalClient(stack()), trajectoryWorkflowId(id), 'whole-trajectory');
  });
});
