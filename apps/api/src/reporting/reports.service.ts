import { Injectable } from '@nestjs/common';
import type { AnnualReport } from '@doorloop/contracts';
import {
  CHANGE_REASONS,
  EXPLOITATION_FORMS,
  formatPublishedCount,
  SIGNAL_CATEGORIES,
  suppressSmallCells,
  TRIAGE_OUTCOMES,
} from '@doorloop/domain';
import { ReportRepository, type ReportCount } from '@doorloop/persistence';
import type { Principal } from '../auth/principal';
import { ProblemError } from '../http/problem';

const TABLES = {
  ageBandAtStart: ['under-16', '16-17', '18-22', '23-plus'],
  exploitationForms: [...EXPLOITATION_FORMS, 'not-recorded'],
  trajectories: ['started', 'closed'],
  inCareSixMonthsAfter18: ['in-care', 'not-in-care'],
  handovers: ['accepted-on-time', 'accepted-late', 'rejected'],
  transfersByReason: [...CHANGE_REASONS, 'unspecified'],
  signalCategories: [...SIGNAL_CATEGORIES],
  signalOutcomes: [...TRIAGE_OUTCOMES, 'not-triaged'],
} as const;
type TableName = keyof typeof TABLES;

/**
 * Reporting without persons (DOMAIN.md): counts only, small ones suppressed. Suppression runs once per table on the
 * whole region, and a selection (one municipality, a director's municipalities) publishes rows of that one protected
 * table: two requests can then never be set against each other to undo a suppression.
 */
@Injectable()
export class ReportsService {
  constructor(private readonly reports: ReportRepository) {}

  async annual(principal: Principal, year: number, municipalityCode?: string): Promise<AnnualReport> {
    const municipalities = await this.reports.municipalities(principal.regionId);
    const visible = municipalities.filter(
      (m) =>
        (principal.role === 'coordinator' || principal.municipalityCodes.includes(m.code)) &&
        (municipalityCode === undefined || m.code === municipalityCode),
    );
    if (municipalityCode !== undefined && visible.length === 0) {
      throw ProblemError.notFound(`Municipality ${municipalityCode}`);
    }
    const { regionId } = principal;
    const signals = this.reports.signals(regionId, year);
    const counts: Record<TableName, ReportCount[]> = await allOf({
      ageBandAtStart: this.reports.ageBandsAtStart(regionId, year),
      exploitationForms: this.reports.exploitationForms(regionId, year),
      trajectories: this.reports.startedAndClosed(regionId, year),
      inCareSixMonthsAfter18: this.reports.inCareSixMonthsAfter18(regionId, year),
      handovers: this.reports.handovers(regionId, year),
      transfersByReason: this.reports.transfersByReason(regionId, year),
      signalCategories: signals.then((counted) => counted.categories),
      signalOutcomes: signals.then((counted) => counted.outcomes),
    });
    const tables = (Object.keys(TABLES) as TableName[]).map((name) => {
      const columns: readonly string[] = TABLES[name];
      // Signals have no municipality: one row, the region.
      const byMunicipality = !name.startsWith('signal');
      const rowKeys: (string | null)[] =
        byMunicipality && municipalities.length > 0 ? municipalities.map((m) => m.code) : [null];
      const cells = rowKeys.map((code) =>
        columns.map((key) =>
          counts[name]
            .filter((count) => count.municipalityCode === code && count.key === key)
            .reduce((sum, count) => sum + count.count, 0),
        ),
      );
      const table = suppressSmallCells(cells);
      return {
        name,
        columns: [...columns],
        rows: (byMunicipality ? visible : []).map((m) => {
          const i = rowKeys.indexOf(m.code);
          return {
            municipalityCode: m.code,
            municipalityName: m.name,
            cells: table.cells[i].map(formatPublishedCount),
            total: formatPublishedCount(table.rowTotals[i]),
          };
        }),
        total: { cells: table.columnTotals.map(formatPublishedCount), total: formatPublishedCount(table.total) },
      };
    });
    return { year, municipalityCode: municipalityCode ?? null, tables };
  }
}

/** Every promise of a record, awaited together: the record of their values (the first rejection rejects it). */
async function allOf<K extends string, V>(promises: Record<K, Promise<V>>): Promise<Record<K, V>> {
  const keys = Object.keys(promises) as K[];
  const values = await Promise.all(keys.map((key) => promises[key]));
  return Object.fromEntries(keys.map((key, i) => [key, values[i]])) as Record<K, V>;
}

/** The report as CSV the way Dutch spreadsheets read it: semicolons, a byte-order mark, CRLF line ends. */
export function annualReportCsv(report: AnnualReport): string {
  const lines = [['table', 'municipalityCode', 'municipality', 'column', 'count'].join(';')];
  for (const table of report.tables) {
    const rows = [
      ...table.rows.map((row) => ({ code: row.municipalityCode, name: row.municipalityName, ...row })),
      { code: '', name: 'regio', ...table.total },
    ];
    for (const row of rows) {
      const line = (column: string, count: string) =>
        [table.name, row.code, csvText(row.name), column, count].join(';');
      table.columns.forEach((column, i) => lines.push(line(column, row.cells[i])));
      lines.push(line('total', row.total));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvText(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
