import fc from 'fast-check';
import { hiddenRanges, recoverHidden } from '../test/table-attacker';
import { SMALL_CELL_THRESHOLD, suppressSmallCells, type PublishedTable } from './small-cells';

const tableArb = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 6 }) })
  .chain(({ rows, columns }) =>
    fc.array(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 60 })), {
        minLength: columns,
        maxLength: columns,
      }),
      { minLength: rows, maxLength: rows },
    ),
  );

const sum = (row: readonly number[]) => row.reduce((total, n) => total + n, 0);
const totalsRow = (cells: readonly (readonly number[])[]) => {
  const columnTotals = cells[0].map((_, j) => sum(cells.map((row) => row[j])));
  return [...columnTotals, sum(columnTotals)];
};

describe('suppressSmallCells (property)', () => {
  it('leaves no hidden count that the published totals give away', () => {
    fc.assert(
      fc.property(tableArb, (cells) => {
        expect(recoverHidden(suppressSmallCells(cells))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('leaves every hidden count at least two values apart for an attacker who knows the bounds (< 5: 0–4, x: 5+)', () => {
    fc.assert(
      fc.property(tableArb, (cells) => {
        const published = suppressSmallCells(cells);
        const extended = [...cells.map((row) => [...row, sum(row)]), totalsRow(cells)];
        for (const { at, min, max } of hiddenRanges(published)) {
          // The attacker's range holds the true count, and is wider than it.
          expect(min).toBeLessThanOrEqual(extended[at[0]][at[1]]);
          expect(max).toBeGreaterThanOrEqual(extended[at[0]][at[1]]);
          expect({ at, pinned: min === max }).toEqual({ at, pinned: false });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('publishes every count of 5 or more that it does not need to hide, exactly, and hides every small one', () => {
    fc.assert(
      fc.property(tableArb, (cells) => {
        const table = suppressSmallCells(cells);
        cells.forEach((row, i) =>
          row.forEach((n, j) => {
            const published = table.cells[i][j];
            if (n < SMALL_CELL_THRESHOLD) expect(published).toEqual({ suppressed: 'small' });
            else if (published.count === undefined) expect(published.suppressed).toBe('complementary');
            else expect(published.count).toBe(n);
          }),
        );
        const total = cells.flat().reduce((sum, n) => sum + n, 0);
        if (total < SMALL_CELL_THRESHOLD) expect(table.total).toEqual({ suppressed: 'small' });
        else if (table.total.count !== undefined) expect(table.total.count).toBe(total);
      }),
      { numRuns: 200 },
    );
  });

  it('has an attacker that does recover a small count when only the small counts are hidden', () => {
    // Without complementary suppression the row total gives the 3 away: the attacker must see that.
    const primaryOnly: PublishedTable = {
      cells: [
        [{ suppressed: 'small' }, { count: 20 }],
        [{ count: 6 }, { count: 9 }],
      ],
      rowTotals: [{ count: 23 }, { count: 15 }],
      columnTotals: [{ count: 9 }, { count: 29 }],
      total: { count: 38 },
    };
    expect(recoverHidden(primaryOnly)).toEqual([{ at: [0, 0], value: 3 }]);
  });

  it('has a bounds-aware attacker that pins what the equations alone do not: the 2 of an x that can only be 5', () => {
    // What the rule without bounds published for ages at start [[5, 2, 0, 0], [5, 5, 0, 0]] (the report's e2e table
    // until the bounds were taken into account). Equations alone solve nothing; but row 2's x plus two counts of 0–4
    // make 10 − 5 = 5, so x is 5, both small counts 0, and the 2 above the x is 7 − 5.
    const [small, x] = [{ suppressed: 'small' as const }, { suppressed: 'complementary' as const }];
    const oldRule: PublishedTable = {
      cells: [
        [{ count: 5 }, small, small, small],
        [{ count: 5 }, x, small, small],
      ],
      rowTotals: [{ count: 7 }, { count: 10 }],
      columnTotals: [{ count: 10 }, { count: 7 }, small, small],
      total: { count: 17 },
    };
    expect(recoverHidden(oldRule)).toEqual([]);
    const pinned = hiddenRanges(oldRule).filter(({ min, max }) => min === max);
    expect(pinned).toEqual(
      expect.arrayContaining([
        { at: [0, 1], min: 2, max: 2 },
        { at: [1, 1], min: 5, max: 5 },
      ]),
    );
  });
});
