import { Alert, Button, ButtonGroup, Heading3, Paragraph } from '@utrecht/component-library-react';
import { OUTCOME_SCHEMAS, ROLES, completionSchema, type Role, type Task } from '@doorloop/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { ApiError } from '../../api/client';
import { useReferenceData } from '../../api/reference-data';
import { useResource } from '../../api/use-resource';
import { useApi, useMe } from '../../auth/session';
import { Loading, Notice, ProblemAlert } from '../../components/feedback';
import { FactList } from '../../components/fact-list';
import { PageHeading, Section } from '../../components/layout';
import { TextLink } from '../../components/links';
import { PageForm } from '../../components/page-form';
import { OutcomeFields, OutcomeView } from '../../forms/outcome-form';
import { checkOutcome, initialValue, outcomeJsonSchema, type OutcomeValue } from '../../forms/outcome-schema';
import { useForm } from '../../forms/use-form';
import { formatDateTime, formatDay } from '../../i18n/format';
import { HandoverDecision } from './handover-decision';

/** The outcome schema of a task's kind, when the contract has one. */
function outcomeSchema(kind: string): z.ZodType | undefined {
  return (OUTCOME_SCHEMAS as Partial<Record<string, z.ZodType>>)[kind];
}

/**
 * One task: what it is about, who has it, and the structured form its kind asks for. The receiving side of a handover
 * answers the handover (accept, or reject with a reason) instead.
 */
export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const task = useResource(`task:${id}`, (api) => api.get('/tasks/{id}', { params: { id } }));
  const handoverId = task.data?.handoverId;
  const handover = useResource(`handover:${handoverId ?? ''}`, (api) =>
    handoverId ? api.get('/handovers/{id}', { params: { id: handoverId } }) : Promise.resolve(null),
  );
  const [notice, setNotice] = useState<string | null>(null);

  if (task.loading) return <Loading />;
  if (!task.data) return <ProblemAlert error={task.error} />;
  const current = task.data;
  const receiving = handover.data && handover.data.receivingOrganisationId === me.organisationId;
  const open = current.status === 'open' || current.status === 'claimed';

  return (
    <>
      <PageHeading
        title={t('task.title', {
          kind: t(`kinds.${current.kind}`),
          pseudonym: current.pseudonym ?? '—',
        })}
      />
      {notice ? <Notice>{notice}</Notice> : null}
      {current.overdue && open ? (
        <Alert type="warning">
          <Paragraph>{t('task.overdue')}</Paragraph>
        </Alert>
      ) : null}
      <TaskFacts task={current} />
      {current.status === 'done' && current.completedAt ? (
        <Paragraph>{t('task.doneOn', { date: formatDateTime(current.completedAt) })}</Paragraph>
      ) : null}
      {/* A handover's answer is shown with the handover itself. */}
      {current.outcome && !current.handoverId ? (
        <Section id="submitted" title={t('task.submittedOutcome')}>
          <OutcomeView outcome={current.outcome} />
        </Section>
      ) : null}
      {current.kind === 'evaluation-consolidation' ? <EvaluationInputs task={current} /> : null}
      {current.status === 'cancelled' ? <Paragraph>{t('task.cancelled')}</Paragraph> : null}
      {handover.data ? (
        <HandoverDecision
          handover={handover.data}
          canAnswer={Boolean(receiving)}
          onAnswered={(answer) => {
            setNotice(answer.status === 'accepted' ? t('handover.accepted') : t('handover.rejected'));
            handover.reload();
            task.reload();
          }}
        />
      ) : null}
      {/* A signal's triage task is completed by the triage itself, on the signal's own page. */}
      {current.kind === 'signal-triage' && current.signalId ? (
        open ? (
          <Paragraph>
            {t('task.triageIntro')}{' '}
            <TextLink to={`/signals/${current.signalId}/triage`}>{t('task.triageSignal')}</TextLink>
          </Paragraph>
        ) : null
      ) : open && !receiving && current.organisationId === me.organisationId ? (
        <>
          <Claim task={current} onClaimed={task.reload} />
          <OutcomeForm
            task={current}
            onCompleted={() => {
              setNotice(t('task.completed'));
              task.reload();
            }}
          />
        </>
      ) : null}
      <Paragraph>
        <TextLink to="/tasks">{t('task.toInbox')}</TextLink>
      </Paragraph>
    </>
  );
}

function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

function TaskFacts({ task }: { task: Task }) {
  const { t } = useTranslation();
  const { organisationName } = useReferenceData();
  const organisation = organisationName(task.organisationId);
  return (
    <Section id="task-facts" title={t('task.facts')}>
      <FactList
        facts={[
          // A signal's triage task belongs to no trajectory: no pseudonym, no age.
          ...(task.pseudonym === null || task.age === null
            ? []
            : [
                { label: 'task.pseudonym' as const, value: task.pseudonym },
                { label: 'task.age' as const, value: t('task.ageValue', { years: task.age }) },
              ]),
          { label: 'task.status', value: t(`taskStatus.${task.status}`) },
          { label: 'task.due', value: formatDay(task.dueAt) },
          { label: 'task.fired', value: formatDay(task.fireAt) },
          {
            label: 'task.role',
            value: isRole(task.role) ? `${organisation} (${t(`roles.${task.role}`)})` : organisation,
          },
        ]}
      />
    </Section>
  );
}

/**
 * The coordinator consolidates an evaluation: the partners' inputs to that evaluation, and who had not answered
 * when the consolidation fired.
 */
function EvaluationInputs({ task }: { task: Task }) {
  const { t } = useTranslation();
  const { organisationName } = useReferenceData();
  const inputs = useResource(`inputs:${task.id}`, (api) =>
    api.get('/tasks', {
      query: { trajectoryId: task.trajectoryId ?? undefined, kind: 'placement-evaluation', status: 'done', limit: 200 },
    }),
  );
  const missing = task.context?.missingOrganisationIds ?? [];
  const answered = (inputs.data?.items ?? []).filter((input) => input.occurrenceKey === task.context?.evaluationKey);
  return (
    <Section id="inputs" title={t('task.inputs')}>
      {missing.length ? (
        <Alert type="warning">
          <Paragraph>{t('task.missingText', { organisations: missing.map(organisationName).join(', ') })}</Paragraph>
        </Alert>
      ) : null}
      <ProblemAlert error={inputs.error} />
      {inputs.loading ? (
        <Loading />
      ) : answered.length === 0 ? (
        <Paragraph>{t('task.noInputs')}</Paragraph>
      ) : (
        answered.map((input) => (
          <article key={input.id} aria-labelledby={`input-${input.id}`}>
            <Heading3 id={`input-${input.id}`}>
              {t('task.inputFrom', { organisation: organisationName(input.organisationId) })}
            </Heading3>
            <OutcomeView outcome={input.outcome} />
          </article>
        ))
      )}
    </Section>
  );
}

/** Taking a task tells colleagues someone is on it; two at once get one winner (409 for the other). */
function Claim({ task, onClaimed }: { task: Task; onClaimed: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const api = useApi();
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (task.status === 'claimed') {
    // A live region: after "take" this is the confirmation a screen reader hears.
    return (
      <Paragraph role="status">
        {task.assigneeUserId === me.userId ? t('task.claimed') : t('task.claimedByOther')}
      </Paragraph>
    );
  }
  return (
    <>
      {problem instanceof ApiError && problem.status === 409 ? (
        <Alert type="warning" role="alert">
          <Paragraph>{t('task.claimConflict')}</Paragraph>
        </Alert>
      ) : (
        <ProblemAlert error={problem} />
      )}
      <ButtonGroup>
        <Button
          appearance="secondary-action-button"
          busy={busy}
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setProblem(null);
            api
              .post('/tasks/{id}/claim', { params: { id: task.id } })
              .then(onClaimed, setProblem)
              .finally(() => setBusy(false));
          }}
        >
          {t('task.claim')}
        </Button>
      </ButtonGroup>
    </>
  );
}

function OutcomeForm({ task, onCompleted }: { task: Task; onCompleted: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const schema = outcomeSchema(task.kind);
  const json = useMemo(() => (schema ? outcomeJsonSchema(schema) : null), [schema]);
  const [value, setValue] = useState<OutcomeValue>(() => (json ? initialValue(json) : {}));
  const form = useForm();
  if (!schema || !json) return <Paragraph>{t('task.noForm')}</Paragraph>;

  const onSubmit = form.handleSubmit(
    (checks) => {
      const result = checkOutcome(schema, json, value, t);
      if (!result.ok) for (const [fieldId, message] of Object.entries(result.errors)) checks.add(fieldId, message);
    },
    async () => {
      // Checked a moment ago: what is sent is the schema's parsed (trimmed) outcome.
      const result = checkOutcome(schema, json, value, t);
      await api.post('/tasks/{id}/completion', {
        params: { id: task.id },
        body: completionSchema.parse({ outcome: result.ok ? result.outcome : value }),
      });
      onCompleted();
    },
    'outcome.',
  );

  return (
    <Section id="outcome" title={t('task.outcome')} intro={t('task.outcomeIntro')}>
      <PageForm form={form} onSubmit={onSubmit} submitLabel={t('task.complete')}>
        <OutcomeFields schema={json} value={value} onChange={setValue} errors={form.errors} />
      </PageForm>
    </Section>
  );
}
