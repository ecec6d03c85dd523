import {
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useReferenceData } from '../../api/reference-data';
import type { Dashboard, OverdueHandover, Page } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { useMe } from '../../auth/session';
import { BarChart, type Bar } from '../../components/bar-chart';
import { Loading, ProblemAlert } from '../../components/feedback';
import { TextField } from '../../components/fields';
import { PageHeading } from '../../components/layout';
import { formatDateTime, formatDay, formatMonth, formatPercent } from '../../i18n/format';

const ZONE = 'Europe/Amsterdam';

/**
 * The director's view of the municipalities they watch: overdue handovers (with charts per receiving organisation
 * and per month), upcoming 18th birthdays and the figures per municipality. Pseudonyms and aggregates only.
 */
export function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { municipalityName } = useReferenceData();
  const overdue = useResource('overdue-handovers', (api) => api.get<Page<OverdueHandover>>('/overdue-handovers'));
  const dashboard = useResource('dashboard', (api) => api.get<Dashboard>('/dashboard'));
  const title = me.municipalityCodes.length
    ? t('director.titleMunicipalities', { municipalities: me.municipalityCodes.map(municipalityName).join(', ') })
    : t('director.title');
  const items = overdue.data?.items ?? [];

  return (
    <>
      <PageHeading title={title} />
      <Paragraph>{t('director.intro')}</Paragraph>
      <PseudonymSearch />
      <section aria-labelledby="overdue-heading">
        <Heading2 id="overdue-heading">{t('director.overdue')}</Heading2>
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
      </section>
      <ProblemAlert error={dashboard.error} />
      {dashboard.data ? <DashboardSections dashboard={dashboard.data} /> : dashboard.loading ? <Loading /> : null}
    </>
  );
}

/** Drill-down: the overdue work of one trajectory, by its pseudonym. */
export function PseudonymPage() {
  const { pseudonym = '' } = useParams();
  const { t } = useTranslation();
  const overdue = useResource('overdue-handovers', (api) => api.get<Page<OverdueHandover>>('/overdue-handovers'));
  const items = (overdue.data?.items ?? []).filter((item) => item.pseudonym === pseudonym);
  return (
    <>
      <PageHeading title={t('director.drillDown', { pseudonym })} />
      <Paragraph>{t('director.drillDownIntro', { pseudonym })}</Paragraph>
      <ProblemAlert error={overdue.error} />
      {overdue.loading ? (
        <Loading />
      ) : items.length === 0 ? (
        <Paragraph>{t('director.drillDownEmpty', { pseudonym })}</Paragraph>
      ) : (
        <OverdueTable items={items} caption={t('director.drillDownIntro', { pseudonym })} />
      )}
      <Paragraph>
        <Link className="utrecht-link" to="/overview">
          {t('director.backToOverview')}
        </Link>
      </Paragraph>
    </>
  );
}

function PseudonymSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [pseudonym, setPseudonym] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = pseudonym.trim().toUpperCase();
    if (code) void navigate(`/overview/trajectories/${encodeURIComponent(code)}`);
  };
  return (
    <form role="search" onSubmit={submit} className="doorloop-filters" noValidate>
      <TextField
        id="pseudonym-search"
        type="search"
        optional
        label={t('director.filterPseudonym')}
        description={t('director.filterPseudonymHint')}
        value={pseudonym}
        onChange={setPseudonym}
      />
      <ButtonGroup>
        <Button appearance="secondary-action-button" type="submit">
          {t('director.filterPseudonym')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

function OverdueTable({ items, caption }: { items: OverdueHandover[]; caption: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const { municipalityName } = useReferenceData();
  const sorted = [...items].sort((a, b) => b.daysOverdue - a.daysOverdue || a.pseudonym.localeCompare(b.pseudonym));
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('director.pseudonym')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('director.kind')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('director.sending')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('director.receiving')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('director.municipality')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('director.due')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('director.daysOverdue')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {sorted.map((item) => (
          <TableRow key={item.taskId}>
            <TableHeaderCell scope="row">
              <Link
                className="utrecht-link"
                to={
                  me.role === 'coordinator'
                    ? `/trajectories/${item.trajectoryId}`
                    : `/overview/trajectories/${encodeURIComponent(item.pseudonym)}`
                }
              >
                {item.pseudonym}
              </Link>
            </TableHeaderCell>
            <TableCell>{t(`kinds.${item.kind}`)}</TableCell>
            <TableCell>{item.sendingOrganisation?.name ?? '—'}</TableCell>
            <TableCell>{item.receivingOrganisation.name}</TableCell>
            <TableCell>{municipalityName(item.municipalityCode)}</TableCell>
            <TableCell>
              <time dateTime={item.dueAt}>{formatDay(item.dueAt)}</time>
            </TableCell>
            <TableCell>{item.daysOverdue}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function perOrganisation(items: OverdueHandover[]): Bar[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    counts.set(item.receivingOrganisation.name, (counts.get(item.receivingOrganisation.name) ?? 0) + 1);
  }
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count);
}

function perMonth(items: OverdueHandover[]): Bar[] {
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' });
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = month.format(new Date(item.dueAt)); // 2027-05
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => ({ label: formatMonth(key), count }));
}

function DashboardSections({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  return (
    <>
      <section aria-labelledby="birthdays-heading">
        <Heading2 id="birthdays-heading">{t('director.birthdays')}</Heading2>
        <Paragraph>{t('director.birthdaysIntro')}</Paragraph>
        <Table aria-labelledby="birthdays-heading">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('director.municipality')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('director.next6')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('director.next12')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {dashboard.municipalities.map((m) => (
              <TableRow key={m.code}>
                <TableHeaderCell scope="row">{m.name}</TableHeaderCell>
                <TableCell>{m.birthdays18Next6Months}</TableCell>
                <TableCell>{m.birthdays18Next12Months}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
      <section aria-labelledby="dashboard-heading">
        <Heading2 id="dashboard-heading">{t('director.dashboard')}</Heading2>
        <Table>
          <TableCaption>{t('director.dashboardCaption', { date: formatDateTime(dashboard.generatedAt) })}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('director.municipality')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('director.open')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('director.overdueTasks')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('director.handoversPending')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('director.handoversOverdue')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('director.transfers')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('director.stillInCare')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {dashboard.municipalities.map((m) => (
              <TableRow key={m.code}>
                <TableHeaderCell scope="row">{m.name}</TableHeaderCell>
                <TableCell>{m.open}</TableCell>
                <TableCell>{m.overdue}</TableCell>
                <TableCell>{m.handoversPending}</TableCell>
                <TableCell>{m.handoversOverdue}</TableCell>
                <TableCell>{m.transfersLast12Months}</TableCell>
                <TableCell>
                  {m.stillInCare6MonthsAfter18.share === null
                    ? t('director.noShare')
                    : t('director.share', {
                        inCare: m.stillInCare6MonthsAfter18.inCare,
                        eligible: m.stillInCare6MonthsAfter18.eligible,
                        percent: formatPercent(m.stillInCare6MonthsAfter18.share),
                      })}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {dashboard.municipalities
          .filter((m) => m.organisations.length)
          .map((m) => (
            <div key={m.code}>
              <Heading3>{t('director.organisations', { municipality: m.name })}</Heading3>
              <Table>
                <TableCaption>{t('director.organisations', { municipality: m.name })}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('director.organisation')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('director.open')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('director.overdueTasks')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('director.handoversPending')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('director.handoversOverdue')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {m.organisations.map((o) => (
                    <TableRow key={o.id}>
                      <TableHeaderCell scope="row">{o.name}</TableHeaderCell>
                      <TableCell>{o.open}</TableCell>
                      <TableCell>{o.overdue}</TableCell>
                      <TableCell>{o.handoversPending}</TableCell>
                      <TableCell>{o.handoversOverdue}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ))}
      </section>
    </>
  );
}
