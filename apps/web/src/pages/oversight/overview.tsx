import { Heading3, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useReferenceData } from '../../api/reference-data';
import { CHANGE_REASONS, DEFAULT_TIME_ZONE, type Dashboard, type OverdueHandover } from '@doorloop/contracts';
import { useResource } from '../../api/use-resource';
import { useMe } from '../../auth/session';
import { BarChart, type Bar } from '../../components/bar-chart';
import { DataTable, TableSection, type Column } from '../../components/data-table';
import { Loading, ProblemAlert } from '../../components/feedback';
import { Field } from '../../components/fields';
import { PageHeading, Section } from '../../components/layout';
import { TextLink } from '../../components/links';
import { SearchForm } from '../../components/search-form';
import { formatDateTime, formatDay, formatMonth, formatPercent } from '../../i18n/format';

type MunicipalityFigures = Dashboard['municipalities'][number];
type OrganisationFigures = MunicipalityFigures['organisations'][number];

/**
 * The director's view of the municipalities they watch: overdue handovers (with charts per receiving organisation
 * and per month), upcoming 18th birthdays and the figures per municipality. Pseudonyms and aggregates only.
 */
export function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { municipalityName } = useReferenceData();
  const overdue = useResource('overdue-handovers', (api) => api.get('/overdue-handovers'));
  const dashboard = useResource('dashboard', (api) => api.get('/dashboard'));
  const title = me.municipalityCodes.length
    ? t('director.titleMunicipalities', { municipalities: me.municipalityCodes.map(municipalityName).join(', ') })
    : t('director.title');
  const all = overdue.data?.items ?? [];
  // A rejection is on the list at once, before its due date: it has its own table, with the receiver's reason.
  const rejected = all.filter((item) => item.status === 'rejected');
  const items = all.filter((item) => item.status !== 'rejected');

  return (
    <>
      <PageHeading title={title} intro={t('director.intro')} />
      <PseudonymSearch />
      <Section id="rejected" title={t('director.rejected')} intro={t('director.rejectedIntro')}>
        {overdue.loading ? (
          <Loading />
        ) : rejected.length === 0 ? (
          <Paragraph>{t('director.noneRejected')}</Paragraph>
        ) : (
          <>
            <Paragraph>{t('director.rejectedCount', { count: rejected.length })}</Paragraph>
            <RejectedTable items={rejected} caption={t('director.rejectedCaption')} />
          </>
        )}
      </Section>
      <Section id="overdue" title={t('director.overdue')}>
        <ProblemAlert error={overdue.error} />
        {overdue.loading ? (
          <Loading />
        ) : items.length === 0 ? (
          <Paragraph>{t('director.noneOverdue')}</Paragraph>
        ) : (
          <>
            <Paragraph>{t('director.overdueCount', { count: items.length })}</Paragraph>
            <div className="doorloop-charts">
              <BarChart title={t('director.chartPerOrganisation')} bars={perOrganisation(items)} />
              <BarChart title={t('director.chartPerMonth')} bars={perMonth(items)} />
            </div>
            <OverdueTable items={items} caption={t('director.caption')} />
          </>
        )}
      </Section>
      <ProblemAlert error={dashboard.error} />
      {dashboard.data ? <DashboardSections dashboard={dashboard.data} /> : dashboard.loading ? <Loading /> : null}
    </>
  );
}

/** Drill-down: the overdue work of one trajectory, by its pseudonym. */
export function PseudonymPage() {
  const { pseudonym = '' } = useParams();
  const { t } = useTranslation();
  const overdue = useResource('overdue-handovers', (api) => api.get('/overdue-handovers'));
  const items = (overdue.data?.items ?? []).filter((item) => item.pseudonym === pseudonym);
  return (
    <>
      <PageHeading title={t('director.drillDown', { pseudonym })} intro={t('director.drillDownIntro', { pseudonym })} />
      <ProblemAlert error={overdue.error} />
      {overdue.loading ? (
        <Loading />
      ) : (
        <>
          {items.some((item) => item.status === 'rejected') ? (
            <RejectedTable
              items={items.filter((item) => item.status === 'rejected')}
              caption={t('director.rejectedCaption')}
            />
          ) : null}
          <OverdueTable
            items={items.filter((item) => item.status !== 'rejected')}
            caption={t('director.drillDownIntro', { pseudonym })}
            empty={t('director.drillDownEmpty', { pseudonym })}
          />
        </>
      )}
      <Paragraph>
        <TextLink to="/overview">{t('director.backToOverview')}</TextLink>
      </Paragraph>
    </>
  );
}

function PseudonymSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [pseudonym, setPseudonym] = useState('');
  const submit = () => {
    const code = pseudonym.trim().toUpperCase();
    if (code) void navigate(`/overview/trajectories/${encodeURIComponent(code)}`);
  };
  return (
    <SearchForm submitLabel={t('director.filterPseudonym')} onSubmit={submit}>
      <Field
        id="pseudonym-search"
        type="search"
        optional
        label={t('director.filterPseudonym')}
        description={t('director.filterPseudonymHint')}
        value={pseudonym}
        onChange={setPseudonym}
      />
    </SearchForm>
  );
}

/** The row header of a listed handover: its pseudonym, linked to the trajectory (coordinator) or the drill-down. */
function usePseudonymColumn(): Column<OverdueHandover> {
  const me = useMe();
  return {
    header: 'director.pseudonym',
    rowHeader: true,
    cell: (item) => (
      <TextLink
        to={
          me.role === 'coordinator'
            ? `/trajectories/${item.trajectoryId}`
            : `/overview/trajectories/${encodeURIComponent(item.pseudonym)}`
        }
      >
        {item.pseudonym}
      </TextLink>
    ),
  };
}

/** Rejected handovers, longest rejected first: who said no, why, and since when. */
function RejectedTable({ items, caption }: { items: OverdueHandover[]; caption: string }) {
  const { municipalityName } = useReferenceData();
  const pseudonym = usePseudonymColumn();
  const sorted = [...items].sort(
    (a, b) => (a.rejectedAt ?? '').localeCompare(b.rejectedAt ?? '') || a.pseudonym.localeCompare(b.pseudonym),
  );
  const columns: Column<OverdueHandover>[] = [
    pseudonym,
    { header: 'director.rejectedBy', cell: (item) => item.receivingOrganisation.name },
    { header: 'director.sending', cell: (item) => item.sendingOrganisation?.name ?? '—' },
    { header: 'director.reason', cell: (item) => item.reason ?? '—' },
    {
      header: 'director.rejectedSince',
      cell: (item) => (item.rejectedAt ? <time dateTime={item.rejectedAt}>{formatDay(item.rejectedAt)}</time> : '—'),
    },
    { header: 'director.municipality', cell: (item) => municipalityName(item.municipalityCode) },
  ];
  return <DataTable caption={caption} columns={columns} rows={sorted} rowKey={(item) => item.taskId} />;
}

function OverdueTable({ items, caption, empty }: { items: OverdueHandover[]; caption: string; empty?: string }) {
  const { t } = useTranslation();
  const { municipalityName } = useReferenceData();
  const pseudonym = usePseudonymColumn();
  const sorted = [...items].sort((a, b) => b.daysOverdue - a.daysOverdue || a.pseudonym.localeCompare(b.pseudonym));
  const columns: Column<OverdueHandover>[] = [
    pseudonym,
    { header: 'director.kind', cell: (item) => t(`kinds.${item.kind}`) },
    { header: 'director.sending', cell: (item) => item.sendingOrganisation?.name ?? '—' },
    { header: 'director.receiving', cell: (item) => item.receivingOrganisation.name },
    { header: 'director.municipality', cell: (item) => municipalityName(item.municipalityCode) },
    { header: 'director.due', cell: (item) => <time dateTime={item.dueAt}>{formatDay(item.dueAt)}</time> },
    { header: 'director.daysOverdue', cell: (item) => item.daysOverdue, numeric: true },
  ];
  return <DataTable caption={caption} columns={columns} rows={sorted} rowKey={(item) => item.taskId} empty={empty} />;
}

function perOrganisation(items: OverdueHandover[]): Bar[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    counts.set(item.receivingOrganisation.name, (counts.get(item.receivingOrganisation.name) ?? 0) + 1);
  }
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count);
}

function perMonth(items: OverdueHandover[]): Bar[] {
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: DEFAULT_TIME_ZONE, year: 'numeric', month: '2-digit' });
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = month.format(new Date(item.dueAt)); // 2027-05
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => ({ label: formatMonth(key), count }));
}

/** The counts a municipality and each of its organisations share, after the cell that names the row. */
const WORKLOAD_COLUMNS: Column<MunicipalityFigures | OrganisationFigures>[] = [
  { header: 'director.open', cell: (row) => row.open, numeric: true },
  { header: 'director.overdueTasks', cell: (row) => row.overdue, numeric: true },
  { header: 'director.handoversPending', cell: (row) => row.handoversPending, numeric: true },
  { header: 'director.handoversOverdue', cell: (row) => row.handoversOverdue, numeric: true },
];

const MUNICIPALITY: Column<MunicipalityFigures> = {
  header: 'director.municipality',
  cell: (m) => m.name,
  rowHeader: true,
};

function DashboardSections({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const birthdayColumns: Column<MunicipalityFigures>[] = [
    MUNICIPALITY,
    { header: 'director.next6', cell: (m) => m.birthdays18Next6Months, numeric: true },
    { header: 'director.next12', cell: (m) => m.birthdays18Next12Months, numeric: true },
  ];
  const municipalityColumns: Column<MunicipalityFigures>[] = [
    MUNICIPALITY,
    ...WORKLOAD_COLUMNS,
    { header: 'director.transfers', cell: (m) => m.transfersLast12Months, numeric: true },
    {
      header: 'director.stillInCare',
      cell: ({ stillInCare6MonthsAfter18: still }) =>
        still.share === null
          ? t('director.noShare')
          : t('director.share', {
              inCare: still.inCare,
              eligible: still.eligible,
              percent: formatPercent(still.share),
            }),
    },
  ];
  const share = (count: number, total: number, value: number | null) =>
    value === null ? t('director.noShare') : t('director.shareOf', { count, total, percent: formatPercent(value) });
  const continuityColumns: Column<MunicipalityFigures>[] = [
    MUNICIPALITY,
    {
      header: 'director.decidedInTime',
      cell: ({ continuityAt18: c }) => share(c.decidedInTime, c.birthdays18Last12Months, c.decidedInTimeShare),
    },
    {
      header: 'director.acceptedOnTime',
      cell: ({ continuityAt18: c }) =>
        share(c.handoversAcceptedOnTime, c.handoversDueLast12Months, c.acceptedOnTimeShare),
    },
    { header: 'director.rejectedOpen', cell: (m) => m.continuityAt18.rejectedHandovers, numeric: true },
    { header: 'director.rejectedLast12', cell: (m) => m.continuityAt18.rejectedLast12Months, numeric: true },
  ];
  // Issue 13: every change of placement by its reason beside the quality signal, and missing episodes.
  const transferColumns: Column<MunicipalityFigures>[] = [
    MUNICIPALITY,
    { header: 'director.transfers', cell: (m) => m.transfersLast12Months, numeric: true },
    ...[...CHANGE_REASONS, 'unspecified' as const].map((reason): Column<MunicipalityFigures> => ({
      header: `changeReasons.${reason}`,
      cell: (m) => m.transfersByReasonLast12Months[reason],
      numeric: true,
    })),
  ];
  const missingColumns: Column<MunicipalityFigures>[] = [
    MUNICIPALITY,
    { header: 'director.missingOpen', cell: (m) => m.missingEpisodes.open, numeric: true },
    { header: 'director.missingLast12', cell: (m) => m.missingEpisodes.last12Months, numeric: true },
  ];
  const organisationColumns: Column<OrganisationFigures>[] = [
    { header: 'director.organisation', cell: (o) => o.name, rowHeader: true },
    ...WORKLOAD_COLUMNS,
  ];
  /** A section that is one table, a row per municipality. */
  const perMunicipality = (id: string, title: string, intro: string, columns: Column<MunicipalityFigures>[]) => (
    <TableSection
      id={id}
      title={title}
      intro={intro}
      columns={columns}
      rows={dashboard.municipalities}
      rowKey={(m) => m.code}
    />
  );
  return (
    <>
      {perMunicipality('birthdays', t('director.birthdays'), t('director.birthdaysIntro'), birthdayColumns)}
      {perMunicipality('continuity', t('director.continuity'), t('director.continuityIntro'), continuityColumns)}
      {perMunicipality('transfers', t('director.transfersByReason'), t('director.transfersIntro'), transferColumns)}
      {perMunicipality('missing', t('director.missingEpisodes'), t('director.missingIntro'), missingColumns)}
      <Section id="dashboard" title={t('director.dashboard')}>
        <DataTable
          caption={t('director.dashboardCaption', { date: formatDateTime(dashboard.generatedAt) })}
          columns={municipalityColumns}
          rows={dashboard.municipalities}
          rowKey={(m) => m.code}
        />
        {dashboard.municipalities
          .filter((m) => m.organisations.length)
          .map((m) => (
            <div key={m.code}>
              <Heading3>{t('director.organisations', { municipality: m.name })}</Heading3>
              <DataTable
                caption={t('director.organisations', { municipality: m.name })}
                columns={organisationColumns}
                rows={m.organisations}
                rowKey={(o) => o.id}
              />
            </div>
          ))}
      </Section>
    </>
  );
}
