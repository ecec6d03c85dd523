import type { EpochMs } from './calendar';
import { type SeriesPlan, seriesWindow } from './series';

/**
 * The series window on a toy calendar, where every expectation can be counted by hand: occurrence k lies at k seconds
 * and fires half a second later. The schedule specs reach this code through the policy; these ask the edges the
 * schedule rarely meets (a series bounded at its first occurrence, a fire moment that is exactly now).
 */
const SECOND = 1000;
const momentOf = (k: number): EpochMs => k * SECOND;
const fireAtOf = (moment: EpochMs): EpochMs => moment + SECOND / 2;
const fireOf = (k: number): EpochMs => fireAtOf(momentOf(k));

function plan(bounds: { count?: number; until?: EpochMs }): SeriesPlan {
  return {
    kind: 'placement-evaluation',
    seriesId: 'placement-evaluation',
    momentOf,
    anchorOf: () => 0,
    due: { relativeTo: 'fire', offset: 'P14D' },
    ...bounds,
  };
}

const ks = (window: ReturnType<typeof seriesWindow>): number[] => window.occurrences.map((occurrence) => occurrence.k);
const FAR_FUTURE = fireOf(10_000);

describe('seriesWindow, open-ended', () => {
  it('lists nothing when the bound lies before the first occurrence, even long after it', () => {
    const window = seriesWindow(plan({ until: momentOf(1) - 1 }), fireAtOf, FAR_FUTURE);
    expect(window).toEqual({ occurrences: [], latestPast: 0 });
  });

  it('lists the one occurrence of a series bounded at its first, fired once its moment has passed', () => {
    const window = seriesWindow(plan({ until: momentOf(1) }), fireAtOf, FAR_FUTURE);
    expect(window).toEqual({ occurrences: [{ k: 1, moment: 1000, fireAt: 1500 }], latestPast: 1 });
  });

  // Bounds around the powers of two the search gallops over, and beyond the 40 listed past occurrences.
  it.each([
    { last: 2, first: 1 },
    { last: 3, first: 1 },
    { last: 4, first: 1 },
    { last: 5, first: 1 },
    { last: 7, first: 1 },
    { last: 8, first: 1 },
    { last: 9, first: 1 },
    { last: 40, first: 1 },
    { last: 41, first: 2 },
    { last: 100, first: 61 },
  ])('a series bounded at occurrence $last, all of it past: listed from $first', ({ last, first }) => {
    const window = seriesWindow(plan({ until: momentOf(last) }), fireAtOf, FAR_FUTURE);
    expect(window.latestPast).toBe(last);
    expect(ks(window)[0]).toBe(first);
    expect(ks(window).at(-1)).toBe(last);
    expect(window.occurrences).toHaveLength(last - first + 1);
  });

  it('counts an occurrence whose fire moment is exactly now as not yet past', () => {
    const window = seriesWindow(plan({}), fireAtOf, fireOf(3));
    expect(window.latestPast).toBe(2);
    expect(ks(window)[0]).toBe(1);
    expect(ks(window).at(-1)).toBe(42);
  });

  it('judges the past by the fire moment, not by the occurrence moment', () => {
    const window = seriesWindow(plan({}), fireAtOf, momentOf(3) + SECOND / 4);
    expect(window.latestPast).toBe(2);
  });

  it('before the first fire lists the next forty and nothing past', () => {
    const window = seriesWindow(plan({}), fireAtOf, 0);
    expect(window.latestPast).toBe(0);
    expect(ks(window)[0]).toBe(1);
    expect(ks(window).at(-1)).toBe(40);
  });
});

describe('seriesWindow, fixed count', () => {
  it('lists every occurrence within the bound and takes the latest one fired before now', () => {
    const window = seriesWindow(plan({ count: 5, until: momentOf(3) }), fireAtOf, fireOf(2));
    expect(window).toEqual({
      occurrences: [
        { k: 1, moment: 1000, fireAt: 1500 },
        { k: 2, moment: 2000, fireAt: 2500 },
        { k: 3, moment: 3000, fireAt: 3500 },
      ],
      latestPast: 1,
    });
  });

  // A recorded series (a receiver chosen early) need not grow with k: the latest is the one that fired last.
  it('takes the occurrence with the latest fire moment, not the highest number, and the higher one on a tie', () => {
    const recorded = (moments: readonly number[]): SeriesPlan => ({
      ...plan({ count: moments.length }),
      momentOf: (k) => moments[k - 1] * SECOND,
    });
    expect(seriesWindow(recorded([3, 1, 2]), fireAtOf, FAR_FUTURE).latestPast).toBe(1);
    expect(seriesWindow(recorded([3, 1, 2]), fireAtOf, fireOf(3)).latestPast).toBe(3);
    expect(seriesWindow(recorded([1, 1]), fireAtOf, FAR_FUTURE).latestPast).toBe(2);
  });

  it('a single occurrence, past', () => {
    const window = seriesWindow(plan({ count: 1 }), fireAtOf, FAR_FUTURE);
    expect(window).toEqual({ occurrences: [{ k: 1, moment: 1000, fireAt: 1500 }], latestPast: 1 });
  });
});
