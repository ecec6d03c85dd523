import { Alert, Heading3, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import type { Handover, HandoverStatus, Milestone, Task, Trajectory } from '@doorloop/contracts';
import { LEGAL_AGES, legalAnniversary } from '@doorloop/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useReferenceData } from '../../api/reference-data';
import { useResource } from '../../api/use-resource';
import { useMe } from '../../auth/session';
import { DataTable, type Column } from '../../components/data-table';
import { Loading, ProblemAlert } from '../../components/feedback';
import { FactList } from '../../components/fact-list';
import { Section } from '../../components/layout';
import { TextLink } from '../../components/links';
import { formatDate, formatDay } from '../../i18n/format';

const HANDOVER_BADGE: Record<HandoverStatus, string> = { pending: 'neutral', accepted: 'success', rejected: 'danger' };

/** What the coordinator recorded in the decision task (its codes are on the trajectory too). */
interface DecisionOutcome {
  lifeDomains?: { lifeDomain: string; continuation: string; basis: string; providerOrganisationId?: string }[];
  participation?: { how: string; notAskedReason?: string; ownWords: string; agrees: string };
}

/**
 * "Overgang 18": on what legal basis and by whom she is helped (a timeline with her 18th and 23rd birthdays), the
 * continuation decision with her part in it, or when it is due, and the state of the warm handover.
 */
export function ContinuityPanel({ trajectory, milestones }: { trajectory: Trajectory; milestones?: Milestone[] }) {
  const { t } = useTranslation();
  const me = useMe();
  const id = trajectory.id;
  const coordinator = me.role === 'coordinator';
  // The decision task (her words are in its outcome) and every handover of the trajectory, with its answer.
  const tasks = useResource(`continuity:${id}:${trajectory.revision}`, async (api) => {
    const [decisions, handoverTasks] = await Promise.all(
      (['continuation-decision', 'handover'] as const).map((kind) =>
        api.get('/tasks', {
          query: { trajectoryId: id, kind, status: 'open,claimed,done,cancelled', limit: 100 },
        }),
      ),
    );
    // Each handover in the order its task fired (a later one may be due earlier: it is due counted from firing).
    const fired = new Map<string, string>();
    for (const task of [...handoverTasks.items].sort((a, b) => a.fireAt.localeCompare(b.fireAt))) {
      if (task.handoverId && !fired.has(task.handoverId)) fired.set(task.handoverId, task.fireAt);
    }
    const handovers = await Promise.all(
      [...fired.keys()].map((handoverId) => api.get('/handovers/{id}', { params: { id: handoverId } })),
    );
    return { decisions: decisions.items, handovers };
  });
  const latest = tasks.data?.handovers.at(-1);
  const closed = trajectory.status === 'closed';
  return (
    <Section id="continuity" title={t('continuity.title')} intro={t('continuity.intro')}>
      <ProblemAlert error={tasks.error} />
      <LegalBasisTimeline trajectory={trajectory} />
      {tasks.data ? (
        <>
          <Decision trajectory={trajectory} milestones={milestones ?? []} decisions={tasks.data.decisions} />
          <Handovers trajectory={trajectory} milestones={milestones ?? []} handovers={tasks.data.handovers} />
        </>
      ) : tasks.loading ? (
        <Loading />
      ) : null}
      {trajectory.reopenings.map((r) => (
        <Paragraph key={r.date}>
          {t('continuity.reopened', { date: formatDate(r.date), closedOn: formatDate(r.closedOn) })}
        </Paragraph>
      ))}
      {coordinator ? (
        <ul className="doorloop-actions">
          {closed ? null : (
            <li>
              <TextLink to="legal-bases">{t('continuity.correctLegalBases')}</TextLink>
            </li>
          )}
          {!closed && latest?.status === 'rejected' ? (
            <li>
              <TextLink to="handovers/new">{t('continuity.chooseReceiver')}</TextLink>
            </li>
          ) : null}
          {closed ? (
            <li>
              <TextLink to="reopening">{t('continuity.reopen')}</TextLink>
            </li>
          ) : null}
        </ul>
      ) : null}
    </Section>
  );
}

/** The periods of help by start date, with the 18th and 23rd birthdays in their place: the order is in the markup. */
function LegalBasisTimeline({ trajectory }: { trajectory: Trajectory }) {
  const { t } = useTranslation();
  const { organisationName } = useReferenceData();
  const birthdays = [
    { date: legalAnniversary(trajectory.birthDate, LEGAL_AGES.adulthood), label: t('continuity.birthday18') },
    {
      date: legalAnniversary(trajectory.birthDate, LEGAL_AGES.extendedYouthCareEnd),
      label: t('continuity.birthday23'),
    },
  ];
  type Entry = { date: string; key: string; content: ReactNode; marker: boolean };
  const entries: Entry[] = [
    ...trajectory.legalBases.map((period, i) => ({
      date: period.from,
      key: `basis-${i}`,
      marker: false,
      content: (
        <>
          <strong>{t(`legalBases.${period.basis}`)}</strong>
          {', '}
          {period.providerOrganisationId ? organisationName(period.providerOrganisationId) : t('continuity.noProvider')}
          <br />
          {period.until
            ? t('continuity.basisPeriod', { from: formatDate(period.from), until: formatDate(period.until) })
            : t('continuity.basisPeriodOpen', { from: formatDate(period.from) })}
        </>
      ),
    })),
    ...birthdays.map((b) => ({ date: b.date, key: b.label, marker: true, content: <strong>{b.label}</strong> })),
  ].sort((a, b) => a.date.localeCompare(b.date) || Number(b.marker) - Number(a.marker));
  return (
    <>
      <Heading3 id="legal-bases-heading">{t('continuity.legalBases')}</Heading3>
      {trajectory.legalBases.length ? null : <Paragraph>{t('continuity.noLegalBases')}</Paragraph>}
      <ol className="doorloop-timeline__list" aria-labelledby="legal-bases-heading">
        {entries.map((entry) => (
          <li
            key={entry.key}
            className={`doorloop-timeline__item${entry.marker ? ' doorloop-timeline__item--marker' : ''}`}
          >
            <span className="doorloop-timeline__date">
              <time dateTime={entry.date}>{formatDate(entry.date)}</time>
            </span>
            <span className="doorloop-timeline__what">{entry.content}</span>
          </li>
        ))}
      </ol>
    </>
  );
}

function Decision(props: { trajectory: Trajectory; milestones: Milestone[]; decisions: Task[] }) {
  const { trajectory, milestones, decisions } = props;
  const { t } = useTranslation();
  const me = useMe();
  const { organisationName } = useReferenceData();
  const decision = trajectory.continuation;
  const done = decisions.filter((task) => task.status === 'done').at(-1);
  const open = decisions.find((task) => task.status === 'open' || task.status === 'claimed');
  const outcome = (done?.outcome ?? {}) as DecisionOutcome;
  const due = (kind: string) => milestones.find((m) => m.kind === kind && m.status !== 'cancelled');
  const review = due('transition-review');
  const decisionMilestone = due('continuation-decision');
  const provider = (id: string | null | undefined) => (id ? organisationName(id) : t('continuity.noProvider'));

  const domainColumns: Column<NonNullable<DecisionOutcome['lifeDomains']>[number]>[] = [
    {
      header: 'continuity.lifeDomain',
      cell: (d) => t(`lifeDomains.${d.lifeDomain}` as 'lifeDomains.housing'),
      rowHeader: true,
    },
    {
      header: 'continuity.whoContinues',
      cell: (d) => t(`continuations.${d.continuation}` as 'continuations.declined'),
    },
    { header: 'continuity.basis', cell: (d) => t(`legalBases.${d.basis}` as 'legalBases.none') },
    { header: 'continuity.provider', cell: (d) => provider(d.providerOrganisationId) },
  ];

  return (
    <>
      <Heading3>{t('continuity.decision')}</Heading3>
      {decision ? (
        <>
          <FactList
            facts={[
              { label: 'continuity.whoContinues', value: t(`continuations.${decision.continuation}`) },
              { label: 'continuity.basis', value: t(`legalBases.${decision.basis}`) },
              { label: 'continuity.provider', value: provider(decision.providerOrganisationId) },
              ...(outcome.participation
                ? [
                    {
                      label: 'continuity.how' as const,
                      value: t(`participationWays.${outcome.participation.how}` as 'participationWays.present'),
                    },
                    ...(outcome.participation.notAskedReason
                      ? [{ label: 'continuity.notAskedReason' as const, value: outcome.participation.notAskedReason }]
                      : []),
                    {
                      label: 'continuity.ownWords' as const,
                      value: <q>{outcome.participation.ownWords}</q>,
                    },
                    {
                      label: 'continuity.agrees' as const,
                      value: t(`agreements.${outcome.participation.agrees}` as 'agreements.yes'),
                    },
                  ]
                : []),
            ]}
          />
          <Paragraph>{t('continuity.decidedOn', { date: formatDay(decision.decidedAt) })}</Paragraph>
          {outcome.lifeDomains?.length ? (
            <DataTable
              caption={t('continuity.perLifeDomainCaption')}
              columns={domainColumns}
              rows={outcome.lifeDomains}
              rowKey={(d) => d.lifeDomain}
            />
          ) : null}
        </>
      ) : !review && !decisionMilestone && milestones.some((m) => m.kind === 'adult-intake') ? (
        <Paragraph>{t('continuity.adultRegistration')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('continuity.decisionPending')}</Paragraph>
          {review ? <Paragraph>{t('continuity.reviewDue', { date: formatDate(review.dueDate) })}</Paragraph> : null}
          {decisionMilestone ? (
            <Paragraph>{t('continuity.decisionDue', { date: formatDate(decisionMilestone.dueDate) })}</Paragraph>
          ) : null}
          {open && open.organisationId === me.organisationId ? (
            <Paragraph>
              <TextLink to={`/tasks/${open.id}`}>{t('continuity.decisionTask')}</TextLink>
            </Paragraph>
          ) : null}
        </>
      )}
    </>
  );
}

function Handovers(props: { trajectory: Trajectory; milestones: Milestone[]; handovers: Handover[] }) {
  const { trajectory, milestones, handovers } = props;
  const { t } = useTranslation();
  const { organisationName } = useReferenceData();
  const latest = handovers.at(-1);
  const planned = milestones.find((m) => m.kind === 'handover' && m.status === 'upcoming');
  const decided = trajectory.continuation?.continuation;
  let state: ReactNode;
  if (latest?.status === 'rejected') {
    state = (
      <Alert type="warning">
        <Paragraph>{t('continuity.rejectedOpen')}</Paragraph>
      </Alert>
    );
  } else if (latest?.status === 'pending' && handovers.some((h) => h.status === 'rejected')) {
    state = (
      <Paragraph>
        {t('continuity.newReceiverAsked', { receiving: organisationName(latest.receivingOrganisationId) })}
      </Paragraph>
    );
  } else if (!latest) {
    state = (
      <Paragraph>
        {decided === 'same-provider'
          ? t('continuity.handoverNotNeeded')
          : decided === 'declined'
            ? t('continuity.handoverDeclined')
            : planned
              ? t('continuity.handoverPlanned', { date: formatDate(planned.fireDate) })
              : t('continuity.handoverNone')}
      </Paragraph>
    );
  }
  return (
    <>
      <Heading3>{t('continuity.handover')}</Heading3>
      {state}
      {handovers.length ? (
        <ol className="doorloop-handovers">
          {handovers.map((h, i) => (
            <li key={h.id}>
              <strong>{t('continuity.handoverNumber', { number: i + 1 })}</strong>{' '}
              <StatusBadge status={HANDOVER_BADGE[h.status]}>{t(`handoverStatus.${h.status}`)}</StatusBadge>
              <br />
              {t('continuity.handoverTo', {
                sending: organisationName(h.sendingOrganisationId),
                receiving: organisationName(h.receivingOrganisationId),
              })}
              {h.acknowledgedAt ? (
                <>
                  <br />
                  {t('continuity.answeredOn', { date: formatDay(h.acknowledgedAt) })}
                </>
              ) : null}
              {h.status === 'rejected' && h.reason ? (
                <>
                  <br />
                  {t('continuity.rejectedReason', { reason: h.reason })}
                </>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}
