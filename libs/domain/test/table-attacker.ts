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

/** Every hidden entry `[row, column]` of the table with totals (row `rows` = column totals) that can be solved. */
export function recoverHidden(table: PublishedTable): Array<{ at: [number, number]; value: number }> {
  const grid: PublishedCount[][] = [
    ...table.cells.map((row, i) => [...row, table.rowTotals[i]]),
    [...table.columnTotals, table.total],
  ];
  const rows = grid.length - 1;
  const columns = grid[0].length - 1;
  const unknowns: Array<[number, number]> = [];
  grid.forEach((line, i) => line.forEach((entry, j) => entry.suppressed && unknowns.push([i, j])));
  const indexOf = new Map(unknowns.map(([i, j], k) => [`${i},${j}`, k]));
  // Each equation: Σ sign·entry = 0, the totals with sign −1.
  const lines: Array<Array<[number, number, 1 | -1]>> = [];
  for (let i = 0; i <= rows; i++) lines.push(grid[i].map((_, j) => [i, j, j === columns ? -1 : 1]));
  for (let j = 0; j <= columns; j++) lines.push(grid.map((_, i) => [i, j, i === rows ? -1 : 1]));
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
