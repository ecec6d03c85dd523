import type { PublishedCount, PublishedTable } from '../src/small-cells';

/**
 * The attacker: writes down every equation the published table makes true (each row's cells add up to its total, each
 * column's to its total, the totals to the grand total), moves what is published to the right-hand side and eliminates
 * (Gauss–Jordan, exact rationals). A hidden entry is recovered when elimination leaves a row that names it alone.
 * It shares nothing with the code under test: no graph, no bridges.
 */
type Fraction = readonly [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const norm = ([n, d]: Fraction): Fraction => {
  if (n === 0n) return [0n, 1n];
  const g = gcd(n, d) * (d < 0n ? -1n : 1n);
  return [n / g, d / g];
};
const sub = (a: Fraction, b: Fraction): Fraction => norm([a[0] * b[1] - b[0] * a[1], a[1] * b[1]]);
const mul = (a: Fraction, b: Fraction): Fraction => norm([a[0] * b[0], a[1] * b[1]]);
const div = (a: Fraction, b: Fraction): Fraction => norm([a[0] * b[1], a[1] * b[0]]);

/**
 * The table with its totals as one grid (row `rows` = column totals, column `columns` = row totals), its hidden
 * entries (the unknowns, each with its index), and every equation it makes true: Σ sign·entry = 0 per row and per
 * column, the totals with sign −1.
 */
function equationsOf(table: PublishedTable) {
  const grid: PublishedCount[][] = [
    ...table.cells.map((row, i) => [...row, table.rowTotals[i]]),
    [...table.columnTotals, table.total],
  ];
  const rows = grid.length - 1;
  const columns = grid[0].length - 1;
  const unknowns: Array<[number, number]> = [];
  grid.forEach((line, i) => line.forEach((entry, j) => entry.suppressed && unknowns.push([i, j])));
  const indexOf = new Map(unknowns.map(([i, j], k) => [`${i},${j}`, k]));
  const lines: Array<Array<[number, number, 1 | -1]>> = [];
  for (let i = 0; i <= rows; i++) lines.push(grid[i].map((_, j) => [i, j, j === columns ? -1 : 1]));
  for (let j = 0; j <= columns; j++) lines.push(grid.map((_, i) => [i, j, i === rows ? -1 : 1]));
  return { grid, unknowns, indexOf, lines };
}

/** Every hidden entry `[row, column]` of the table with totals (row `rows` = column totals) that can be solved. */
export function recoverHidden(table: PublishedTable): Array<{ at: [number, number]; value: number }> {
  const { grid, unknowns, indexOf, lines } = equationsOf(table);
  const matrix: Fraction[][] = lines.map((line) => {
    const row: Fraction[] = Array.from({ length: unknowns.length + 1 }, () => [0n, 1n] as Fraction);
    let constant = 0n;
    for (const [i, j, sign] of line) {
      const k = indexOf.get(`${i},${j}`);
      if (k === undefined) constant -= BigInt(sign * (grid[i][j].count as number));
      else row[k] = [BigInt(sign), 1n];
    }
    row[unknowns.length] = [constant, 1n];
    return row;
  });
  let pivotRow = 0;
  const pivots: number[] = [];
  for (let k = 0; k < unknowns.length && pivotRow < matrix.length; k++) {
    const found = matrix.findIndex((row, r) => r >= pivotRow && row[k][0] !== 0n);
    if (found < 0) continue;
    [matrix[pivotRow], matrix[found]] = [matrix[found], matrix[pivotRow]];
    const pivot = matrix[pivotRow][k];
    matrix[pivotRow] = matrix[pivotRow].map((x) => div(x, pivot));
    matrix.forEach((row, r) => {
      if (r === pivotRow || row[k][0] === 0n) return;
      const factor = row[k];
      matrix[r] = row.map((x, c) => sub(x, mul(factor, matrix[pivotRow][c])));
    });
    pivots.push(k);
    pivotRow += 1;
  }
  return pivots.flatMap((k, r) => {
    const alone = matrix[r].every((x, c) => c === k || c === unknowns.length || x[0] === 0n);
    const [n, d] = matrix[r][unknowns.length];
    return alone ? [{ at: unknowns[k], value: Number(n) / Number(d) }] : [];
  });
}

/**
 * The attacker who also knows the rule (docs/policy.md): a hidden `< 5` is a whole count from 0 to 4, an `x` one of 5
 * or more (only counts of 5 or more are hidden as complementary). For every hidden entry it computes the least and the
 * greatest value the published table allows: two linear programmes each (exact simplex, below) over the same equations
 * as `recoverHidden` with those bounds. The equations of a table with its totals are, after flipping the sign of the
 * total entries, a bipartite incidence matrix: totally unimodular, so every vertex is whole and the least and greatest
 * values are whole counts the table really allows (the simplex checks that, and fails rather than guess). An entry is
 * pinned when the two are equal. Like `recoverHidden` it knows nothing of the code under test.
 */
export function hiddenRanges(
  table: PublishedTable,
  threshold = 5,
): Array<{ at: [number, number]; min: number; max: number }> {
  const { grid, unknowns, indexOf, lines } = equationsOf(table);
  if (unknowns.length === 0) return [];
  const n = unknowns.length;
  const lower = unknowns.map(([i, j]) => (grid[i][j].suppressed === 'small' ? 0 : threshold));
  const upper = unknowns.map(([i, j]) => (grid[i][j].suppressed === 'small' ? threshold - 1 : Infinity));
  // z_k = x_k − lower_k ≥ 0. Equations Σ sign·x = 0 become Σ sign·z = −(published part) − Σ sign·lower.
  const equations: Array<{ coefficients: number[]; constant: number }> = [];
  for (const line of lines) {
    const coefficients = Array.from({ length: n }, () => 0);
    let constant = 0;
    for (const [i, j, sign] of line) {
      const k = indexOf.get(`${i},${j}`);
      if (k === undefined) constant -= sign * (grid[i][j].count as number);
      else {
        coefficients[k] += sign;
        constant -= sign * lower[k];
      }
    }
    if (coefficients.some((c) => c !== 0)) equations.push({ coefficients, constant });
    else if (constant !== 0) throw new Error('The published table contradicts itself');
  }
  const feasible = phaseOne(
    equations,
    upper.map((u, k) => u - lower[k]),
    n,
  );
  return unknowns.map((at, k) => ({
    at,
    min: lower[k] - maximise(feasible, k, -1),
    max: lower[k] + maximise(feasible, k, 1),
  }));
}

/** A simplex tableau: `rows` (each with its right-hand side last), the basic column of each row, the columns used. */
interface Tableau {
  rows: number[][];
  basis: number[];
  width: number;
}

/**
 * Standard form: the n unknowns z ≥ 0, then one slack per bounded unknown (z_k + s_k = range_k). Phase one finds a
 * basic feasible solution with one artificial column per equation; the artificial columns are then removed (an
 * equation that only repeats the others is dropped).
 */
function phaseOne(
  equations: Array<{ coefficients: number[]; constant: number }>,
  ranges: number[],
  n: number,
): Tableau {
  const bounded = ranges.flatMap((range, k) => (Number.isFinite(range) ? [k] : []));
  const slacks = bounded.length;
  const artificials = equations.length;
  const width = n + slacks + artificials;
  const rows: number[][] = [];
  const basis: number[] = [];
  equations.forEach(({ coefficients, constant }, r) => {
    const sign = constant < 0 ? -1 : 1;
    const row = Array.from({ length: width + 1 }, () => 0);
    coefficients.forEach((c, k) => (row[k] = sign * c));
    row[n + slacks + r] = 1;
    row[width] = sign * constant;
    rows.push(row);
    basis.push(n + slacks + r);
  });
  bounded.forEach((k, s) => {
    const row = Array.from({ length: width + 1 }, () => 0);
    row[k] = 1;
    row[n + s] = 1;
    row[width] = ranges[k];
    rows.push(row);
    basis.push(n + s);
  });
  const tableau: Tableau = { rows, basis, width };
  const cost = Array.from({ length: width }, (_, j) => (j >= n + slacks ? -1 : 0));
  if (simplex(tableau, cost, width) !== 0) throw new Error('The published table allows no counts at all');
  // Drive the artificial columns out of the basis; a row with nothing else is a repeated equation.
  for (let r = tableau.rows.length - 1; r >= 0; r--) {
    if (tableau.basis[r] < n + slacks) continue;
    const column = tableau.rows[r].findIndex((x, j) => j < n + slacks && x !== 0);
    if (column < 0) {
      tableau.rows.splice(r, 1);
      tableau.basis.splice(r, 1);
    } else pivot(tableau, r, column);
  }
  return {
    rows: tableau.rows.map((row) => [...row.slice(0, n + slacks), row[width]]),
    basis: tableau.basis,
    width: n + slacks,
  };
}

/** The greatest value of `direction`·z_k over the feasible set (Infinity when unbounded); the tableau is copied. */
function maximise(feasible: Tableau, k: number, direction: 1 | -1): number {
  const tableau: Tableau = {
    rows: feasible.rows.map((row) => [...row]),
    basis: [...feasible.basis],
    width: feasible.width,
  };
  const cost = Array.from({ length: tableau.width }, (_, j) => (j === k ? direction : 0));
  return simplex(tableau, cost, tableau.width);
}

/**
 * Maximises cost·z from the tableau's basic feasible solution with Bland's rule (no cycling). Every pivot element of a
 * totally unimodular system is ±1, so the arithmetic stays in whole numbers: a pivot that is not ±1 throws.
 */
function simplex(tableau: Tableau, cost: number[], width: number): number {
  for (;;) {
    const reduced = (j: number) =>
      cost[j] - tableau.rows.reduce((sum, row, r) => sum + cost[tableau.basis[r]] * row[j], 0);
    let entering = -1;
    for (let j = 0; j < width; j++) {
      if (!tableau.basis.includes(j) && reduced(j) > 0) {
        entering = j;
        break;
      }
    }
    if (entering < 0) {
      return tableau.rows.reduce((sum, row, r) => sum + cost[tableau.basis[r]] * row[row.length - 1], 0);
    }
    let leaving = -1;
    for (let r = 0; r < tableau.rows.length; r++) {
      const a = tableau.rows[r][entering];
      if (a <= 0) continue;
      const ratio = tableau.rows[r][tableau.rows[r].length - 1] / a;
      const best =
        leaving < 0
          ? Infinity
          : tableau.rows[leaving][tableau.rows[leaving].length - 1] / tableau.rows[leaving][entering];
      if (ratio < best || (ratio === best && tableau.basis[r] < tableau.basis[leaving])) leaving = r;
    }
    if (leaving < 0) return Infinity;
    pivot(tableau, leaving, entering);
  }
}

function pivot(tableau: Tableau, r: number, column: number): void {
  const element = tableau.rows[r][column];
  if (element !== 1 && element !== -1) throw new Error(`Pivot ${element}: the system is not totally unimodular`);
  tableau.rows[r] = tableau.rows[r].map((x) => x * element);
  tableau.rows.forEach((row, i) => {
    if (i === r || row[column] === 0) return;
    const factor = row[column];
    tableau.rows[i] = row.map((x, j) => x - factor * tableau.rows[r][j]);
  });
  tableau.basis[r] = column;
}
