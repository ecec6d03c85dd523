import type { AnnualReport } from '@doorloop/contracts';
import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/use-resource';
import { useApi } from '../../auth/session';
import { BarChart } from '../../components/bar-chart';
import { Loading, ProblemAlert } from '../../components/feedback';
import { Field } from '../../components/fields';
import { PageHeading, Section } from '../../components/layout';
import { TableSection, type Column } from '../../components/data-table';
import type { nl } from '../../i18n/nl';
import { today } from '../../i18n/format';

type Table = AnnualReport['tables'][number];
type TableName = keyof typeof nl.reports.tables;
type ColumnName = keyof typeof nl.reports.columns;
const YEARS_SHOWN = 5;

/** The annual report for directors and coordinators: a chart over the years, every table of one year, the CSV. */
export function ReportsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const thisYear = Number(today().slice(0, 4));
  const years = Array.from({ length: YEARS_SHOWN }, (_, i) => thisYear - YEARS_SHOWN + 1 + i);
  const [year, setYear] = useState(String(thisYear));
  const [problem, setProblem] = useState<unknown>(null);
  const reports = useResource('reports', (client) =>
    Promise.all(years.map((y) => client.get('/reports/annual', { query: { year: y } }))),
  );
  const download = () => {
    setProblem(null);
    api.reportCsv({ year: Number(year) }).then((blob) => {
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `doorloop-jaarrapportage-${year}.csv`;
      link.click();
      URL.revokeObjectURL(url);
    }, setProblem);
  };
  if (reports.loading) return <Loading />;
  if (!reports.data) return <ProblemAlert error={reports.error} />;
  const started = (report: AnnualReport) => {
    const table = report.tables.find((candidate) => candidate.name === 'trajectories');
    return table?.total.cells[table.columns.indexOf('started')];
  };
  // A hidden count is not a number: such a year stays out of the chart, the table shows it.
  const bars = reports.data
    .filter((report) => /^\d+$/.test(started(report) ?? ''))
    .map((report) => ({ label: String(report.year), count: Number(started(report)) }));
  const shown = reports.data.find((report) => String(report.year) === year);
  return (
    <>
      <PageHeading title={t('reports.title')} intro={t('reports.intro')} />
      <ProblemAlert error={problem} />
      <Section id="report-years" title={t('reports.overYears')}>
        <BarChart title={t('reports.startedChart')} bars={bars} />
        <Paragraph>{t('reports.startedChartNote')}</Paragraph>
      </Section>
      <Field
        id="year"
        type="select"
        label={t('reports.year')}
        value={year}
        onChange={setYear}
        options={years.map((y) => ({ value: String(y), label: String(y) }))}
      />
      <Button appearance="secondary-action-button" onClick={download}>
        {t('reports.download')}
      </Button>
      {shown ? <Heading2>{`${t('reports.title')} ${shown.year}`}</Heading2> : null}
      {shown?.tables.map((table) => (
        <div key={table.name}>
          {table.name in YEAR_CHARTS ? (
            <>
              <BarChart
                title={t(YEAR_CHARTS[table.name as keyof typeof YEAR_CHARTS], { year: shown.year })}
                bars={regionBars(table, (column) => t(`reports.columns.${column as ColumnName}`))}
              />
              <Paragraph>{t('reports.yearChartNote')}</Paragraph>
            </>
          ) : null}
          <ReportTable table={table} />
        </div>
      ))}
    </>
  );
}

/** Tables of one year that also get a chart of the region's counts (the table below it is its text alternative). */
const YEAR_CHARTS = {
  exploitationForms: 'reports.formsChart',
  transfersByReason: 'reports.transfersChart',
} as const;

/** The region's counts of a table as bars; a hidden count is not a number and stays out (the table shows it). */
function regionBars(table: Table, label: (column: string) => string) {
  return table.columns.flatMap((column, i) => {
    const count = table.total.cells[i];
    return /^\d+$/.test(count) ? [{ label: label(column), count: Number(count) }] : [];
  });
}

type Row = { key: string; label: string; cells: string[]; total: string };

/** One table of the report, in the app's table markup: a row per municipality, the region last. */
function ReportTable({ table }: { table: Table }) {
  const { t } = useTranslation();
  const rows: Row[] = [
    ...table.rows.map((row) => ({ key: row.municipalityCode, label: row.municipalityName, ...row })),
    { key: 'region', label: t('reports.region'), ...table.total },
  ];
  const columns: Column<Row>[] = [
    { header: 'reports.municipality', cell: (row) => row.label, rowHeader: true },
    ...table.columns.map((column, i): Column<Row> => ({
      header: `reports.columns.${column as ColumnName}`,
      cell: (row) => row.cells[i],
      numeric: true,
    })),
    { header: 'reports.total', cell: (row) => row.total, numeric: true },
  ];
  return (
    <TableSection
      id={`report-${table.name}`}
      title={t(`reports.tables.${table.name as TableName}`)}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.key}
    />
  );
}
