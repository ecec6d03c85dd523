/**
 * DOMAIN.md "Reporting without persons": a count under 5 is shown as "< 5", and another cell is suppressed where a
 * total would reveal it.
 *
 * A table is published with its row totals, column totals and grand total. Read with its totals it is an
 * (R+1)×(C+1) table in which every row and every column adds up: each row's cells to its row total, each column's
 * cells to its column total, the row totals and the column totals to the grand total. Whoever knows the published
 * numbers can solve those equations for the suppressed ones. A suppressed entry can be solved exactly if and only if it
 * lies on no cycle of suppressed entries (rows and columns as the nodes of a bipartite graph, suppressed entries as its
 * edges; the equations are that graph's incidence matrix, whose row space holds an edge's unit vector exactly when the
 * edge is a bridge). So: suppress the small counts, then, while a suppressed entry is a bridge, close a rectangle
 * through it with the cheapest other entries. Totals are counts too: a total under 5 is suppressed like a cell.
 *
 * That stops exact solution, not narrowing: whoever knows the rule also knows that a `< 5` is 0 to 4 and an `x` is 5
 * or more, and those bounds can pin a hidden count on a cycle (a column of zeros beside published counts; an `x` that
 * is exactly 5 and can only grow). So, next: while a hidden entry can take no other value within the bounds, close a
 * rectangle through it whose entries have room to move, with the cheapest other entries. A hidden entry can take
 * another whole value exactly when it lies on a cycle of hidden entries along which alternately adding and removing
 * one stays within every entry's bounds (`canMove`; the difference of two solutions is a sum of such cycles).
 */
export const SMALL_CELL_THRESHOLD = 5;

/** A published count: the number, or why it is hidden ("< 5" for a small count, "x" for a complementary one). */
export type PublishedCount =
  | { readonly count: number; readonly suppressed?: undefined }
  | { readonly suppressed: 'small' | 'complementary'; readonly count?: undefined };

export interface PublishedTable {
  readonly cells: readonly (readonly PublishedCount[])[];
  readonly rowTotals: readonly PublishedCount[];
  readonly columnTotals: readonly PublishedCount[];
  readonly total: PublishedCount;
}

/** How a published count reads in a table or a CSV file. */
export function formatPublishedCount(published: PublishedCount): string {
  if (published.suppressed === 'small') return `< ${SMALL_CELL_THRESHOLD}`;
  if (published.suppressed === 'complementary') return 'x';
  return String(published.count);
}

type Mark = 'small' | 'complementary' | undefined;

/**
 * Publishes `cells` (rows × columns of non-negative whole counts, at least one of each) with its totals so that no
 * hidden count can be solved from what is shown.
 */
export function suppressSmallCells(
  cells: readonly (readonly number[])[],
  threshold = SMALL_CELL_THRESHOLD,
): PublishedTable {
  const rows = cells.length;
  const columns = rows > 0 ? cells[0].length : 0;
  if (rows === 0 || columns === 0) throw new Error('A table to publish has at least one row and one column.');
  if (cells.some((row) => row.length !== columns)) throw new Error('Every row of a table has the same columns.');
  if (cells.some((row) => row.some((n) => !Number.isInteger(n) || n < 0)))
    throw new Error('A table holds non-negative whole counts.');

  // The extended table: row `rows` holds the column totals, column `columns` the row totals.
  const extended = cells.map((row) => [...row, row.reduce((sum, n) => sum + n, 0)]);
  extended.push(Array.from({ length: columns + 1 }, (_, j) => extended.reduce((sum, row) => sum + row[j], 0)));
  const marks: Mark[][] = extended.map((row) => row.map((n) => (n < threshold ? 'small' : undefined)));

  for (let bridge = findBridge(marks); bridge; bridge = findBridge(marks)) {
    closeRectangle(bridge, extended, marks);
  }
  const room = roomOf(extended, threshold);
  for (let stuck = findPinned(marks, room); stuck; stuck = findPinned(marks, room)) {
    if (!closeRoomyRectangle(stuck, extended, marks, room) && !closeRectangle(stuck, extended, marks)) break;
  }

  const publish = (i: number, j: number): PublishedCount => {
    const mark = marks[i][j];
    return mark ? { suppressed: mark } : { count: extended[i][j] };
  };
  return {
    cells: cells.map((row, i) => row.map((_, j) => publish(i, j))),
    rowTotals: cells.map((_, i) => publish(i, columns)),
    columnTotals: Array.from({ length: columns }, (_, j) => publish(rows, j)),
    total: publish(rows, columns),
  };
}

type Entry = readonly [row: number, column: number];

/** A suppressed entry on no cycle of suppressed entries, or undefined when every one is on a cycle. */
function findBridge(marks: readonly (readonly Mark[])[]): Entry | undefined {
  for (let i = 0; i < marks.length; i++) {
    for (let j = 0; j < marks[i].length; j++) {
      if (marks[i][j] && !connectedWithout(marks, i, j)) return [i, j];
    }
  }
  return undefined;
}

/** Whether row `row` and column `column` are joined by suppressed entries other than the one where they cross. */
function connectedWithout(marks: readonly (readonly Mark[])[], row: number, column: number): boolean {
  const seenRows = new Set<number>([row]);
  const seenColumns = new Set<number>();
  const queue: Array<['row' | 'column', number]> = [['row', row]];
  while (queue.length > 0) {
    const [kind, index] = queue.shift() as ['row' | 'column', number];
    if (kind === 'row') {
      marks[index].forEach((mark, j) => {
        if (!mark || (index === row && j === column) || seenColumns.has(j)) return;
        seenColumns.add(j);
        queue.push(['column', j]);
      });
    } else {
      if (index === column) return true;
      marks.forEach((line, i) => {
        if (!line[index] || (i === row && index === column) || seenRows.has(i)) return;
        seenRows.add(i);
        queue.push(['row', i]);
      });
    }
  }
  return false;
}

/**
 * Suppresses the cheapest entries that make a rectangle with `bridge` (the fewest people hidden); a bridge is on no
 * cycle, so every rectangle through it adds one. For an entry the bounds pin, a rectangle that adds nothing is skipped.
 * False when nothing was added.
 */
function closeRectangle([row, column]: Entry, extended: readonly (readonly number[])[], marks: Mark[][]): boolean {
  let best: { cost: number; entries: Entry[] } | undefined;
  for (let i = 0; i < extended.length; i++) {
    if (i === row) continue;
    for (let j = 0; j < extended[i].length; j++) {
      if (j === column) continue;
      const entries: Entry[] = [
        [row, j],
        [i, j],
        [i, column],
      ];
      const added = entries.filter(([r, c]) => !marks[r][c]);
      if (added.length === 0) continue;
      const cost = added.reduce((sum, [r, c]) => sum + extended[r][c] + 1, 0);
      if (!best || cost < best.cost) best = { cost, entries: added };
    }
  }
  for (const [r, c] of best?.entries ?? []) marks[r][c] = 'complementary';
  return (best?.entries.length ?? 0) > 0;
}

/**
 * Whether entry (i, j), hidden with `mark`, may change by `step` (±1) in the equations' own terms and stay within what
 * its mark tells (a small count 0 to threshold − 1, a complementary one threshold or more). In every row and column
 * equation the totals are flipped in sign (a row total and a column total count against their line's cells; the
 * grand total against both, twice), so that a change along a cycle alternates +1 and −1.
 */
type Room = (i: number, j: number, mark: Mark, step: 1 | -1) => boolean;

function roomOf(extended: readonly (readonly number[])[], threshold: number): Room {
  const rows = extended.length - 1;
  const columns = extended[0].length - 1;
  return (i, j, mark, step) => {
    const flipped = (i === rows) !== (j === columns);
    const value = extended[i][j] + (flipped ? -step : step);
    return mark === 'small' ? value >= 0 && value < threshold : value >= threshold;
  };
}

/** A hidden entry that no cycle of hidden entries can move by one within the bounds, or undefined when none is. */
function findPinned(marks: readonly (readonly Mark[])[], room: Room): Entry | undefined {
  for (let i = 0; i < marks.length; i++) {
    for (let j = 0; j < marks[i].length; j++) {
      const mark = marks[i][j];
      if (!mark) continue;
      const free = ([1, -1] as const).some((step) => room(i, j, mark, step) && canMove(marks, [i, j], step, room));
      if (!free) return [i, j];
    }
  }
  return undefined;
}

/**
 * Whether a cycle of hidden entries through `entry` lets it change by `step`: from its column back to its row,
 * alternately through an entry that changes by −step (column to row) and one that changes by +step (row to column).
 */
function canMove(marks: readonly (readonly Mark[])[], [row, column]: Entry, step: 1 | -1, room: Room): boolean {
  const seenRows = new Set<number>();
  const seenColumns = new Set<number>([column]);
  const queue: number[] = [column];
  while (queue.length > 0) {
    const j = queue.shift() as number;
    for (let i = 0; i < marks.length; i++) {
      const mark = marks[i][j];
      if (!mark || (i === row && j === column) || seenRows.has(i) || !room(i, j, mark, step === 1 ? -1 : 1)) continue;
      if (i === row) return true;
      seenRows.add(i);
      marks[i].forEach((next, k) => {
        if (!next || seenColumns.has(k) || (i === row && k === column) || !room(i, k, next, step)) return;
        seenColumns.add(k);
        queue.push(k);
      });
    }
  }
  return false;
}

/**
 * Hides the cheapest entries that, with the pinned entry, make a rectangle along which it can move by one: every
 * entry of it has room in the direction it takes (a newly hidden one as complementary). False when no rectangle has.
 */
function closeRoomyRectangle(
  [row, column]: Entry,
  extended: readonly (readonly number[])[],
  marks: Mark[][],
  room: Room,
): boolean {
  const own = marks[row][column];
  let best: { cost: number; entries: Entry[] } | undefined;
  for (const step of [1, -1] as const) {
    if (!room(row, column, own, step)) continue;
    for (let i = 0; i < extended.length; i++) {
      if (i === row) continue;
      for (let j = 0; j < extended[i].length; j++) {
        if (j === column) continue;
        const corners: Array<[Entry, 1 | -1]> = [
          [[row, j], step === 1 ? -1 : 1],
          [[i, j], step],
          [[i, column], step === 1 ? -1 : 1],
        ];
        if (!corners.every(([[r, c], s]) => room(r, c, marks[r][c] ?? 'complementary', s))) continue;
        const added = corners.map(([entry]) => entry).filter(([r, c]) => !marks[r][c]);
        const cost = added.reduce((sum, [r, c]) => sum + extended[r][c] + 1, 0);
        if (!best || cost < best.cost) best = { cost, entries: added };
      }
    }
  }
  if (!best || best.entries.length === 0) return false;
  for (const [r, c] of best.entries) marks[r][c] = 'complementary';
  return true;
}
