import { Button, ButtonGroup, Heading3, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { ageOn } from '@doorloop/domain';
import type { ParseKeys } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { useReferenceData } from '../../api/reference-data';
import type { Milestone, MilestoneList, MilestoneStatus, Partner, Trajectory } from '@doorloop/contracts';
import { useResource, type Resource } from '../../api/use-resource';
import { useApi } from '../../auth/session';
import { TableSection, type Column } from '../../components/data-table';
import { Loading, Notice, ProblemAlert } from '../../components/feedback';
import { FactList } from '../../components/fact-list';
import { PageHeading, Section } from '../../components/layout';
import { TextLink } from '../../components/links';
import { formatDate, formatDateTime, today } from '../../i18n/format';
import { ContinuityPanel } from './continuity-panel';
import { OverriddenMark, OverridesSection, TransfersSection } from './lawful-sections';

const BADGE: Record<MilestoneStatus, string> = {
  upcoming: 'neutral',
  fired: 'active',
  late: 'warning',
  missed: 'danger',
  done: 'success',
  cancelled: 'inactive',
};

/** The change pages, by their address below the trajectory's. */
const CHANGES: [string, ParseKeys][] = [
  ['placement', 'trajectory.changePlacement'],
  ['court-measures/new', 'trajectory.addCourtMeasure'],
  ['partners/new', 'trajectory.addPartner'],
  ['birth-date', 'trajectory.correctBirthDate'],
  ['municipality', 'trajectory.changeMunicipality'],
  ['missing-episodes/new', 'lawful.recordMissing'],
  ['closure', 'trajectory.close'],
];

/** A paused trajectory offers to resume; any other links to the pause page, which asks why (issue 13). */
const RESUME = {
  path: '/trajectories/{id}/resumptions',
  label: 'trajectory.resume',
  done: 'trajectory.resumed',
} as const;

/** One trajectory: its facts, its timeline of milestones, placements, measures and partners, and every change. */
export function TrajectoryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const api = useApi();
  const location = useLocation();
  const trajectory = useResource(`trajectory:${id}`, (a) => a.get('/trajectories/{id}', { params: { id } }));
  const milestones = useResource(`milestones:${id}:${trajectory.data?.revision ?? ''}`, (a) =>
    a.get('/trajectories/{id}/milestones', { params: { id } }),
  );
  useScheduleWhileComputing(milestones, trajectory.data);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (trajectory.loading) return <Loading />;
  if (!trajectory.data) return <ProblemAlert error={trajectory.error} />;
  const current = trajectory.data;

  const act = (send: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    send()
      .then(() => {
        setNotice(done);
        trajectory.reload();
      }, setProblem)
      .finally(() => setBusy(false));
  };

  return (
    <>
      <PageHeading title={t('trajectory.title', { pseudonym: current.pseudonym })} />
      {notice ? <Notice>{notice}</Notice> : null}
      <ProblemAlert error={problem} />
      <Facts trajectory={current} />
      <ContinuityPanel trajectory={current} milestones={milestones.data?.items} />
      <Section id="timeline" title={t('trajectory.timeline')} intro={t('trajectory.timelineIntro')}>
        {milestones.data ? <Timeline milestones={milestones.data.items} /> : <Loading />}
        <ProblemAlert error={milestones.error} />
      </Section>
      <MissingEpisodes
        trajectory={current}
        busy={busy}
        onReturn={(episode) =>
          act(
            () =>
              api.post('/trajectories/{id}/missing-episodes/{episodeId}/return', {
                params: { id: current.id, episodeId: episode.id },
              }),
            t('lawful.returnRecorded'),
          )
        }
      />
      <Placements trajectory={current} />
      <TransfersSection trajectory={current} />
      <CourtMeasures trajectory={current} />
      <OverridesSection trajectory={current} />
      <Partners
        trajectory={current}
        busy={busy}
        onRemove={(partner, name) =>
          act(
            () =>
              api.delete('/trajectories/{id}/partners/{organisationId}', {
                params: { id: current.id, organisationId: partner.organisationId },
                query: { role: partner.role },
              }),
            t('trajectory.partnerRemoved', { organisation: name }),
          )
        }
      />
      {current.status === 'closed' ? null : (
        <Section id="changes" title={t('trajectory.changes')} intro={t('trajectory.changesIntro')}>
          <ul className="doorloop-actions">
            {CHANGES.map(([path, label]) => (
              <li key={path}>
                <TextLink to={path}>{t(label)}</TextLink>
              </li>
            ))}
          </ul>
          {current.status === 'paused' ? (
            <ButtonGroup>
              <Button
                appearance="secondary-action-button"
                busy={busy}
                disabled={busy}
                onClick={() => act(() => api.post(RESUME.path, { params: { id: current.id } }), t(RESUME.done))}
              >
                {t(RESUME.label)}
              </Button>
            </ButtonGroup>
          ) : (
            <p>
              <TextLink to="pause">{t('trajectory.pause')}</TextLink>
            </p>
          )}
        </Section>
      )}
    </>
  );
}

/**
 * Right after a start or a change the workflow is still computing the schedule: while the list is empty, ask again
 * every second and a half, for half a minute at most.
 */
function useScheduleWhileComputing(milestones: Resource<MilestoneList>, trajectory: Trajectory | undefined) {
  const tries = useRef(0);
  const empty = milestones.data?.items.length === 0;
  const { reload } = milestones;
  useEffect(() => {
    if (!empty || !trajectory || trajectory.status === 'closed' || tries.current >= 20) return;
    const timer = setTimeout(() => {
      tries.current += 1;
      reload();
    }, 1500);
    return () => clearTimeout(timer);
  }, [empty, trajectory, reload, milestones.data]);
}

function Facts({ trajectory }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  const { municipalityName } = useReferenceData();
  const age = ageOn(trajectory.birthDate, today());
  return (
    <Section
      id="facts"
      title={t('trajectory.facts')}
      intro={trajectory.closedOn ? t('trajectory.closedNotice', { date: formatDate(trajectory.closedOn) }) : null}
    >
      <FactList
        facts={[
          { label: 'trajectory.status', value: t(`trajectoryStatus.${trajectory.status}`) },
          {
            label: 'trajectory.birthDate',
            value: `${formatDate(trajectory.birthDate)} (${t('trajectory.ageValue', { years: age })})`,
          },
          {
            label: 'trajectory.municipality',
            value: `${municipalityName(trajectory.municipalityCode)} (${trajectory.municipalityCode})`,
          },
          {
            label: 'trajectory.transfers',
            value: t('lawful.transfersValue', {
              quality: trajectory.transfersByReason.quality,
              total: trajectory.transfersByReason.total,
            }),
          },
          { label: 'trajectory.policyVersion', value: trajectory.policyVersion },
        ]}
      />
    </Section>
  );
}

/** A placement's evaluations run for years: the next few are what a coordinator plans with. */
const UPCOMING_SHOWN = 8;

/** Past and upcoming milestones as two ordered lists: the order is the information, so it is in the markup. */
function Timeline({ milestones }: { milestones: Milestone[] }) {
  const { t } = useTranslation();
  const past = milestones.filter((m) => m.status !== 'upcoming');
  const upcoming = milestones.filter((m) => m.status === 'upcoming');
  const [allUpcoming, setAllUpcoming] = useState(false);
  return (
    <div className="doorloop-timeline">
      <Heading3>{t('trajectory.past')}</Heading3>
      {past.length ? <MilestoneList milestones={past} /> : <Paragraph>{t('trajectory.nonePast')}</Paragraph>}
      <Heading3>{t('trajectory.upcoming')}</Heading3>
      {upcoming.length ? (
        <>
          <MilestoneList milestones={allUpcoming ? upcoming : upcoming.slice(0, UPCOMING_SHOWN)} />
          {upcoming.length > UPCOMING_SHOWN ? (
            <Button appearance="subtle-button" aria-expanded={allUpcoming} onClick={() => setAllUpcoming(!allUpcoming)}>
              {allUpcoming
                ? t('trajectory.showFewer', { count: UPCOMING_SHOWN })
                : t('trajectory.showAll', { count: upcoming.length })}
            </Button>
          ) : null}
        </>
      ) : (
        <Paragraph>{t('trajectory.noneUpcoming')}</Paragraph>
      )}
    </div>
  );
}

function MilestoneList({ milestones }: { milestones: Milestone[] }) {
  const { t } = useTranslation();
  const { organisationName } = useReferenceData();
  return (
    <ol className="doorloop-timeline__list">
      {milestones.map((m) => (
        <li key={`${m.kind}-${m.occurrence}-${m.fireDate}`} className="doorloop-timeline__item">
          <span className="doorloop-timeline__date">
            <time dateTime={m.fireDate}>{formatDate(m.fireDate)}</time>
          </span>
          <span className="doorloop-timeline__what">
            <strong>{t(`kinds.${m.kind}`)}</strong>
            {m.occurrence > 1 ? ` ${t('trajectory.occurrence', { number: m.occurrence })}` : ''}{' '}
            <StatusBadge status={BADGE[m.status]}>{t(`milestoneStatus.${m.status}`)}</StatusBadge>
            <br />
            {t('trajectory.due', { date: formatDate(m.dueDate) })}
            {m.assignees.length ? (
              <>
                <br />
                {t('trajectory.assignedTo', {
                  organisations: [...new Set(m.assignees.map((a) => organisationName(a.organisationId)))].join(', '),
                })}
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The lists of a trajectory's facts the page shows as tables, each under its heading. */
type FactLists = Pick<Trajectory, 'placements' | 'courtMeasures' | 'partners' | 'missingEpisodes'>;
type Entry<L extends keyof FactLists> = FactLists[L][number];

const FACT_TABLES: {
  [L in keyof FactLists]: { id: string; title: ParseKeys; empty: ParseKeys; rowKey: (entry: Entry<L>) => string };
} = {
  placements: {
    id: 'placements',
    title: 'trajectory.placements',
    empty: 'trajectory.noPlacements',
    rowKey: (p) => p.id,
  },
  courtMeasures: {
    id: 'measures',
    title: 'trajectory.courtMeasures',
    empty: 'trajectory.noCourtMeasures',
    rowKey: (m) => m.id,
  },
  partners: {
    id: 'partners',
    title: 'trajectory.partners',
    empty: 'trajectory.noPartners',
    rowKey: (p) => `${p.organisationId}-${p.role}`,
  },
  missingEpisodes: {
    id: 'missing',
    title: 'lawful.missingEpisodes',
    empty: 'lawful.noMissingEpisodes',
    rowKey: (e) => e.id,
  },
};

/**
 * One list of the trajectory's facts as a section with its table. `action` is the column that changes or removes an
 * entry: only while the trajectory is not closed, since a closed trajectory takes no changes.
 */
function FactTable<L extends keyof FactLists>(props: {
  trajectory: Trajectory;
  list: L;
  columns: Column<Entry<L>>[];
  action?: Column<Entry<L>>;
  intro?: string;
}) {
  const { trajectory, list, columns, action, intro } = props;
  const { t } = useTranslation();
  const { id, title, empty, rowKey } = FACT_TABLES[list];
  return (
    <TableSection
      id={id}
      title={t(title)}
      intro={intro}
      columns={action && trajectory.status !== 'closed' ? [...columns, action] : columns}
      rows={trajectory[list]}
      rowKey={rowKey}
      empty={t(empty)}
    />
  );
}

type Placement = Trajectory['placements'][number];
type CourtMeasure = Trajectory['courtMeasures'][number];
type MissingEpisode = Trajectory['missingEpisodes'][number];

function Placements({ trajectory }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  const { organisationName } = useReferenceData();
  const columns: Column<Placement>[] = [
    {
      header: 'trajectory.type',
      cell: (p) => (
        <>
          {t(`placementTypes.${p.type}`)}
          <OverriddenMark overridden={p.overridden} />
          {p.authorisationEndDate ? (
            <>
              <br />
              {t('trajectory.authorisationEnd', { date: formatDate(p.authorisationEndDate) })}
            </>
          ) : null}
        </>
      ),
    },
    { header: 'trajectory.provider', cell: (p) => organisationName(p.providerOrganisationId) },
    {
      header: 'trajectory.period',
      cell: (p) =>
        t('trajectory.periodValue', {
          start: formatDate(p.startDate),
          end: p.endDate ? formatDate(p.endDate) : t('trajectory.open'),
        }),
    },
    { header: 'lawful.changeReason', cell: (p) => (p.changeReason ? t(`changeReasons.${p.changeReason}`) : '—') },
    {
      header: 'lawful.treatmentStart',
      cell: (p) => (p.treatmentStartDate ? formatDate(p.treatmentStartDate) : t('lawful.noTreatment')),
    },
  ];
  const treatment: Column<Placement> = {
    header: 'common.edit',
    cell: (p) => (
      <TextLink to={`placements/${encodeURIComponent(p.id)}/treatment-start`}>
        {t('lawful.recordTreatment')}
        <span className="doorloop-visually-hidden">
          : {t(`placementTypes.${p.type}`)}, {formatDate(p.startDate)}
        </span>
      </TextLink>
    ),
  };
  return <FactTable trajectory={trajectory} list="placements" columns={columns} action={treatment} />;
}

function CourtMeasures({ trajectory }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  const columns: Column<CourtMeasure>[] = [
    {
      header: 'trajectory.type',
      cell: (m) => (
        <>
          {t(`courtMeasureTypes.${m.type}`)}
          {m.subtype ? ` (${t(`courtMeasureSubtypes.${m.subtype}`).toLowerCase()})` : ''}
          <OverriddenMark overridden={m.overridden} />
        </>
      ),
    },
    {
      header: 'trajectory.period',
      cell: (m) => t('trajectory.periodValue', { start: formatDate(m.startDate), end: formatDate(m.endDate) }),
    },
  ];
  const edit: Column<CourtMeasure> = {
    header: 'common.edit',
    cell: (m) => (
      <TextLink to={`court-measures/${encodeURIComponent(m.id)}`}>
        {t('trajectory.editCourtMeasure')}
        <span className="doorloop-visually-hidden">: {t(`courtMeasureTypes.${m.type}`)}</span>
      </TextLink>
    ),
  };
  return <FactTable trajectory={trajectory} list="courtMeasures" columns={columns} action={edit} />;
}

function Partners(props: {
  trajectory: Trajectory;
  busy: boolean;
  onRemove: (partner: Partner, organisationName: string) => void;
}) {
  const { trajectory, busy, onRemove } = props;
  const { t } = useTranslation();
  const { organisationName } = useReferenceData();
  const columns: Column<Partner>[] = [
    { header: 'trajectory.organisation', cell: (p) => organisationName(p.organisationId) },
    { header: 'trajectory.role', cell: (p) => t(`roles.${p.role}`) },
  ];
  const remove: Column<Partner> = {
    header: 'common.remove',
    cell: (p) => {
      const name = organisationName(p.organisationId);
      return (
        <Button
          appearance="subtle-button"
          disabled={busy}
          onClick={() => onRemove(p, name)}
          aria-label={t('trajectory.removePartner', { organisation: name })}
        >
          {t('common.remove')}
        </Button>
      );
    },
  };
  return <FactTable trajectory={trajectory} list="partners" columns={columns} action={remove} />;
}

/** Her missing episodes: since when, a police report, her return; an open one has the button that records it. */
function MissingEpisodes(props: {
  trajectory: Trajectory;
  busy: boolean;
  onReturn: (episode: MissingEpisode) => void;
}) {
  const { trajectory, busy, onReturn } = props;
  const { t } = useTranslation();
  const columns: Column<MissingEpisode>[] = [
    {
      header: 'lawful.since',
      cell: (e) => <time dateTime={e.since}>{formatDateTime(e.since)}</time>,
      rowHeader: true,
    },
    { header: 'lawful.policeReportMade', cell: (e) => t(e.policeReportMade ? 'common.yes' : 'common.no') },
    { header: 'lawful.lastSeen', cell: (e) => e.lastSeen ?? '—' },
    {
      header: 'lawful.returnedAt',
      cell: (e) =>
        e.returnedAt ? (
          <time dateTime={e.returnedAt}>{formatDateTime(e.returnedAt)}</time>
        ) : (
          <StatusBadge status="danger">{t('lawful.stillMissing')}</StatusBadge>
        ),
    },
  ];
  const back: Column<MissingEpisode> = {
    header: 'lawful.return',
    cell: (e) =>
      e.returnedAt ? null : (
        <Button appearance="secondary-action-button" disabled={busy} onClick={() => onReturn(e)}>
          {t('lawful.returned')}
        </Button>
      ),
  };
  return (
    <FactTable
      trajectory={trajectory}
      list="missingEpisodes"
      columns={columns}
      action={back}
      intro={t('lawful.missingEpisodesIntro')}
    />
  );
}
