import { recoverHidden } from '../test/table-attacker';
import { formatPublishedCount, suppressSmallCells, type PublishedTable } from './small-cells';

/** The published table as text, rows then the totals row, each row ending in its total. */
function render(table: PublishedTable): string[][] {
  return [
    ...table.cells.map((row, i) => [...row, table.rowTotals[i]].map(formatPublishedCount)),
    [...table.columnTotals, table.total].map(formatPublishedCount),
  ];
}

describe('suppressSmallCells (hand-written tables)', () => {
  it('publishes a table without small counts as it is, with its totals', () => {
    expect(
      render(
        suppressSmallCells([
          [5, 10],
          [7, 8],
        ]),
      ),
    ).toEqual([
      ['5', '10', '15'],
      ['7', '8', '15'],
      ['12', '18', '30'],
    ]);
  });

  it('hides a small count, and the cheapest rectangle through it that the totals would otherwise give away', () => {
    // 3 alone: its row total minus 20 gives it. Hiding 20 too leaves column 2 solvable, so a second row closes it.
    expect(
      render(
        suppressSmallCells([
          [3, 20, 30],
          [6, 9, 40],
          [12, 15, 50],
        ]),
      ),
    ).toEqual([
      ['< 5', 'x', '30', '53'],
      ['x', 'x', '40', '55'],
      ['12', '15', '50', '77'],
      ['21', '44', '120', '185'],
    ]);
  });

  it('hides zeros and small totals as small counts', () => {
    // Row 1 hidden whole: each column then has two unknowns, and both rows' equations hold three.
    expect(
      render(
        suppressSmallCells([
          [0, 2],
          [9, 11],
        ]),
      ),
    ).toEqual([
      ['< 5', '< 5', '< 5'],
      ['x', 'x', 'x'],
      ['9', '13', '22'],
    ]);
  });

  it('needs a second row even for one municipality: the region row repeats it', () => {
    expect(render(suppressSmallCells([[4, 6, 8]]))).toEqual([
      ['< 5', 'x', '8', '18'],
      ['< 5', 'x', '8', '18'],
    ]);
  });

  it('joins a small count between two hidden blocks into a cycle: two hidden counts in each line are not enough', () => {
    // Rows 0–1 × columns 0–1 and rows 2–3 × columns 2–3 are hidden blocks; the 3 at row 0, column 2 links them. Every
    // row and column already holds two hidden counts, yet the 3 is the only link and its value follows from the totals.
    const cells = [
      [1, 2, 3, 50, 60],
      [2, 1, 40, 50, 60],
      [40, 50, 1, 2, 60],
      [40, 50, 2, 1, 60],
      [40, 50, 60, 70, 80],
    ];
    const table = suppressSmallCells(cells);
    expect(recoverHidden(table)).toEqual([]);
    expect(table.cells.flat().filter((c) => c.suppressed === 'complementary').length).toBeGreaterThan(0);
  });

  it('refuses what is not a table of counts', () => {
    expect(() => suppressSmallCells([])).toThrow();
    expect(() => suppressSmallCells([[1, 2], [3]])).toThrow();
    expect(() => suppressSmallCells([[1.5]])).toThrow();
    expect(() => suppressSmallCells([[-1]])).toThrow();
  });
});
