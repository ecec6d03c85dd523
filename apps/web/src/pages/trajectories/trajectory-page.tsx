import { Button, ButtonGroup, Heading2, Heading3, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { ageOn } from '@doorloop/domain';
import type { ParseKeys } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { useReferenceData } from '../../api/reference-data';
import type { Milestone, MilestoneList, MilestoneStatus, Partner, Trajectory } from '@doorloop/contracts';
import { useResource, type Resource } from '../../api/use-resource';
import { useApi } from '../../auth/session';
import { DataTable, type Column } from '../../components/data-table';
import { Loading, Notice, ProblemAlert } from '../../components/feedback';
import { FactList } from '../../components/fact-list';
import { PageHeading } from '../../components/layout';
import { TextLink } from '../../components/links';
import { formatDate, today } from '../../i18n/format';

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
  ['closure', 'trajectory.close'],
];

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
      <section aria-labelledby="timeline-heading">
        <Heading2 id="timeline-heading">{t('trajectory.timeline')}</Heading2>
        <Paragraph>{t('trajectory.timelineIntro')}</Paragraph>
        {milestones.data ? <Timeline milestones={milestones.data.items} /> : <Loading />}
        <ProblemAlert error={milestones.error} />
      </section>
      <Placements trajectory={current} />
      <CourtMeasures trajectory={current} />
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
        <section aria-labelledby="changes-heading">
          <Heading2 id="changes-heading">{t('trajectory.changes')}</Heading2>
          <Paragraph>{t('trajectory.changesIntro')}</Paragraph>
          <ul className="doorloop-actions">
            {CHANGES.map(([path, label]) => (
              <li key={path}>
                <TextLink to={path}>{t(label)}</TextLink>
              </li>
            ))}
          </ul>
          <ButtonGroup>
            {current.status === 'paused' ? (
              <Button
                appearance="secondary-action-button"
                busy={busy}
                disabled={busy}
                onClick={() =>
                  act(
                    () => api.post('/trajectories/{id}/resumptions', { params: { id: current.id } }),
                    t('trajectory.resumed'),
                  )
                }
              >
                {t('trajectory.resume')}
              </Button>
            ) : (
              <Button
                appearance="secondary-action-button"
                busy={busy}
                disabled={busy}
                onClick={() =>
                  act(
                    () => api.post('/trajectories/{id}/pauses', { params: { id: current.id } }),
                    t('trajectory.paused'),
                  )
                }
              >
                {t('trajectory.pause')}
              </Button>
            )}
          </ButtonGroup>
        </section>
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
    <section aria-labelledby="facts-heading">
      <Heading2 id="facts-heading">{t('trajectory.facts')}</Heading2>
      {trajectory.closedOn ? (
        <Paragraph>{t('trajectory.closedNotice', { date: formatDate(trajectory.closedOn) })}</Paragraph>
      ) : null}
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
          { label: 'trajectory.transfers', value: trajectory.transfers },
          { label: 'trajectory.policyVersion', value: trajectory.policyVersion },
        ]}
      />
    </section>
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

type Placement = Trajectory['placements'][number];
type CourtMeasure = Trajectory['courtMeasures'][number];

function Placements({ trajectory }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  const { organisationName } = useReferenceData();
  const columns: Column<Placement>[] = [
    {
      header: 'trajectory.type',
      cell: (p) => (
        <>
          {t(`placementTypes.${p.type}`)}
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
  ];
  return (
    <section aria-labelledby="placements-heading">
      <Heading2 id="placements-heading">{t('trajectory.placements')}</Heading2>
      <Paragraph>
        {t('trajectory.transfers')}: {trajectory.transfers}
      </Paragraph>
      <DataTable
        labelledBy="placements-heading"
        columns={columns}
        rows={trajectory.placements}
        rowKey={(p) => p.id}
        empty={t('trajectory.noPlacements')}
      />
    </section>
  );
}

function CourtMeasures({ trajectory }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  const columns: Column<CourtMeasure>[] = [
    { header: 'trajectory.type', cell: (m) => t(`courtMeasureTypes.${m.type}`) },
    {
      header: 'trajectory.period',
      cell: (m) => t('trajectory.periodValue', { start: formatDate(m.startDate), end: formatDate(m.endDate) }),
    },
  ];
  if (trajectory.status !== 'closed') {
    columns.push({
      header: 'common.edit',
      cell: (m) => (
        <TextLink to={`court-measures/${encodeURIComponent(m.id)}`}>
          {t('trajectory.editCourtMeasure')}
          <span className="doorloop-visually-hidden">: {t(`courtMeasureTypes.${m.type}`)}</span>
        </TextLink>
      ),
    });
  }
  return (
    <section aria-labelledby="measures-heading">
      <Heading2 id="measures-heading">{t('trajectory.courtMeasures')}</Heading2>
      <DataTable
        labelledBy="measures-heading"
        columns={columns}
        rows={trajectory.courtMeasures}
        rowKey={(m) => m.id}
        empty={t('trajectory.noCourtMeasures')}
      />
    </section>
  );
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
  if (trajectory.status !== 'closed') {
    columns.push({
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
    });
  }
  return (
    <section aria-labelledby="partners-heading">
      <Heading2 id="partners-heading">{t('trajectory.partners')}</Heading2>
      <DataTable
        labelledBy="partners-heading"
        columns={columns}
        rows={trajectory.partners}
        rowKey={(p) => `${p.organisationId}-${p.role}`}
        empty={t('trajectory.noPartners')}
      />
    </section>
  );
}
