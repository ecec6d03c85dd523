/** The annual report as a test reads it (GET /reports/annual): tables of published counts, as text. */
export interface ReportTable {
  name: string;
  columns: string[];
  rows: { municipalityCode: string; cells: string[]; total: string }[];
  total: { cells: string[]; total: string };
}

export interface AnnualReportBody {
  year: number;
  tables: ReportTable[];
}

/** One table of the report by name; the test fails on reading it when there is none. */
export function tableOf(report: AnnualReportBody, name: string): ReportTable {
  return report.tables.find((t) => t.name === name) as ReportTable;
}
