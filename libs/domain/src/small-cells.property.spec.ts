import fc from 'fast-check';
import { recoverHidden } from '../test/table-attacker';
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

describe('suppressSmallCells (property)', () => {
  it('leaves no hidden count that the published totals give away', () => {
    fc.assert(
      fc.property(tableArb, (cells) => {
        expect(recoverHidden(suppressSmallCells(cells))).toEqual([]);
      }),
      { numRuns: 400 },
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
});
