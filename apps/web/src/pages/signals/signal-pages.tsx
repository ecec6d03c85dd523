import { MELDCODE_STEPS, SIGNAL_CATEGORIES, TRIAGE_OUTCOMES, type Signal } from '@doorloop/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { usePagedResource } from '../../api/use-paged-resource';
import { useResource } from '../../api/use-resource';
import { useApi, useMe } from '../../auth/session';
import { PagedTable, type Column } from '../../components/data-table';
import { FactList } from '../../components/fact-list';
import { Loading, Notice, ProblemAlert } from '../../components/feedback';
import { Field, RadioGroupField, ReasonField, VocabularySelect } from '../../components/fields';
import { PageHeading } from '../../components/layout';
import { TextLink } from '../../components/links';
import { PageForm } from '../../components/page-form';
import { useForm } from '../../forms/use-form';
import { formatDate, formatDay } from '../../i18n/format';

/** The signals a partner recorded, or (coordinator) the region's triage list: repeats first, then by due date. */
export function SignalListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const coordinator = me.role === 'coordinator';
  const list = usePagedResource('signals', (api, cursor) => api.get('/signals', { query: { cursor, limit: 50 } }));
  const columns: Column<Signal>[] = [
    { header: 'signals.received', cell: (s) => formatDay(s.receivedAt), rowHeader: true },
    { header: 'signals.category', cell: (s) => t(`signalCategories.${s.category}`) },
    { header: 'signals.due', cell: (s) => formatDate(s.triageDueOn) },
    {
      header: 'signals.status',
      cell: (s) =>
        s.triage ? (
          t(`triageOutcomes.${s.triage.outcome}`)
        ) : coordinator ? (
          <TextLink to={`/signals/${s.id}/triage`}>{s.alert ? t('signals.alert') : t('signals.triage')}</TextLink>
        ) : (
          t('signals.untriaged')
        ),
    },
  ];
  return (
    <>
      <PageHeading
        title={t('signals.listTitle')}
        intro={coordinator ? t('signals.listIntroCoordinator') : t('signals.listIntroPartner')}
      />
      {notice ? <Notice>{notice}</Notice> : null}
      <PagedTable
        list={{
          ...list,
          items: [...list.items].sort((a, b) => Number(b.alert && !b.triage) - Number(a.alert && !a.triage)),
        }}
        caption={t('signals.listTitle')}
        columns={columns}
        rowKey={(s) => s.id}
        rowClassName={(s) => (s.alert && !s.triage ? 'doorloop-row--overdue' : undefined)}
        empty={t('signals.empty')}
      />
    </>
  );
}

interface SignalDraft {
  category: string;
  meldcodeStep: string;
  description: string;
  subjectKind: string;
  bsn: string;
  name: string;
  birthDate: string;
}

/** A partner records a signal; who it is about goes to the api once and is kept there only as a keyed hash. */
export function NewSignalPage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const form = useForm();
  const { errors } = form;
  const [draft, setDraft] = useState<SignalDraft>({
    category: '',
    meldcodeStep: '',
    description: '',
    subjectKind: 'bsn',
    bsn: '',
    name: '',
    birthDate: '',
  });
  const set = (patch: Partial<SignalDraft>) => setDraft((previous) => ({ ...previous, ...patch }));
  const onSubmit = form.handleSubmit(
    (checks) => {
      checks.chosen('category', draft.category);
      checks.chosen('meldcodeStep', draft.meldcodeStep);
      checks.required('description', draft.description);
      if (draft.subjectKind === 'bsn') checks.required('subject-bsn', draft.bsn);
      else {
        checks.required('subject-name', draft.name);
        checks.date('subject-birthDate', draft.birthDate, { notAfterToday: true });
      }
    },
    async () => {
      const created = await api.post('/signals', {
        body: {
          category: draft.category as Signal['category'],
          meldcodeStep: draft.meldcodeStep as Signal['meldcodeStep'],
          description: draft.description,
          subject: draft.subjectKind === 'bsn' ? { bsn: draft.bsn } : { name: draft.name, birthDate: draft.birthDate },
        },
      });
      await navigate('/signals', {
        state: { notice: t('signals.recorded', { due: formatDate(created.triageDueOn) }) },
      });
    },
  );
  return (
    <>
      <PageHeading title={t('signals.newTitle')} intro={t('signals.newIntro')} />
      <PageForm form={form} onSubmit={onSubmit} submitLabel={t('signals.submit')}>
        <VocabularySelect
          id="category"
          label={t('signals.category')}
          values={SIGNAL_CATEGORIES}
          optionLabel={(value) => t(`signalCategories.${value}`)}
          value={draft.category}
          onChange={(category) => set({ category })}
          error={errors.category}
        />
        <VocabularySelect
          id="meldcodeStep"
          label={t('signals.meldcodeStep')}
          values={MELDCODE_STEPS}
          optionLabel={(value) => t(`meldcodeSteps.${value}`)}
          value={draft.meldcodeStep}
          onChange={(meldcodeStep) => set({ meldcodeStep })}
          error={errors.meldcodeStep}
        />
        <Field
          id="description"
          type="textarea"
          label={t('signals.description')}
          description={t('signals.descriptionHint')}
          maxLength={2000}
          value={draft.description}
          onChange={(description) => set({ description })}
          error={errors.description}
        />
        <RadioGroupField
          id="subjectKind"
          label={t('signals.subjectKind')}
          value={draft.subjectKind}
          onChange={(subjectKind) => set({ subjectKind })}
          options={[
            { value: 'bsn', label: t('signals.byBsn') },
            { value: 'name', label: t('signals.byName') },
          ]}
        />
        {draft.subjectKind === 'bsn' ? (
          <Field
            id="subject-bsn"
            label={t('signals.bsn')}
            inputMode="numeric"
            maxLength={20}
            value={draft.bsn}
            onChange={(bsn) => set({ bsn })}
            error={errors['subject-bsn']}
          />
        ) : (
          <>
            <Field
              id="subject-name"
              label={t('signals.name')}
              maxLength={200}
              value={draft.name}
              onChange={(name) => set({ name })}
              error={errors['subject-name']}
            />
            <Field
              id="subject-birthDate"
              type="date"
              label={t('signals.birthDate')}
              value={draft.birthDate}
              onChange={(birthDate) => set({ birthDate })}
              error={errors['subject-birthDate']}
            />
          </>
        )}
      </PageForm>
    </>
  );
}

/** The coordinator triages one signal: an outcome, a reason, and with a started trajectory its id. */
export function TriagePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const api = useApi();
  const navigate = useNavigate();
  const form = useForm();
  const { errors } = form;
  const signal = useResource(`signal-${id}`, (client) => client.get('/signals/{id}', { params: { id } }));
  const trajectories = useResource('trajectories', (client) => client.get('/trajectories', { query: { limit: 200 } }));
  const [draft, setDraft] = useState({ outcome: '', reason: '', trajectoryId: '' });
  const set = (patch: Partial<typeof draft>) => setDraft((previous) => ({ ...previous, ...patch }));
  const onSubmit = form.handleSubmit(
    (checks) => {
      checks.chosen('outcome', draft.outcome);
      checks.required('reason', draft.reason);
      if (draft.outcome === 'start-trajectory') checks.chosen('trajectoryId', draft.trajectoryId);
    },
    async () => {
      await api.post('/signals/{id}/triage', {
        params: { id },
        body: {
          outcome: draft.outcome as NonNullable<Signal['triage']>['outcome'],
          reason: draft.reason,
          trajectoryId: draft.outcome === 'start-trajectory' ? draft.trajectoryId : undefined,
        },
      });
      await navigate('/signals', { state: { notice: t('signals.triaged') } });
    },
  );
  if (signal.loading) return <Loading />;
  if (!signal.data) return <ProblemAlert error={signal.error} />;
  const s = signal.data;
  return (
    <>
      <PageHeading title={t('signals.triageTitle')} intro={t('signals.triageIntro')} />
      {s.alert ? <Notice>{t('signals.alert')}</Notice> : null}
      <FactList
        facts={[
          { label: 'signals.category', value: t(`signalCategories.${s.category}`) },
          { label: 'signals.meldcodeStep', value: t(`meldcodeSteps.${s.meldcodeStep}`) },
          { label: 'signals.description', value: s.description },
          { label: 'signals.due', value: formatDate(s.triageDueOn) },
        ]}
      />
      <PageForm form={form} onSubmit={onSubmit} submitLabel={t('signals.triageSubmit')}>
        <RadioGroupField
          id="outcome"
          label={t('signals.outcome')}
          value={draft.outcome}
          onChange={(outcome) => set({ outcome })}
          options={TRIAGE_OUTCOMES.map((value) => ({ value, label: t(`triageOutcomes.${value}`) }))}
          error={errors.outcome}
        />
        {draft.outcome === 'start-trajectory' ? (
          <Field
            id="trajectoryId"
            type="select"
            label={t('signals.trajectoryId')}
            description={t('signals.trajectoryHint')}
            value={draft.trajectoryId}
            onChange={(trajectoryId) => set({ trajectoryId })}
            options={(trajectories.data?.items ?? []).map((trajectory) => ({
              value: trajectory.id,
              label: trajectory.pseudonym,
            }))}
            error={errors.trajectoryId}
          />
        ) : null}
        <ReasonField
          id="reason"
          label={t('signals.reason')}
          value={draft.reason}
          onChange={(reason) => set({ reason })}
          error={errors.reason}
        />
      </PageForm>
    </>
  );
}
