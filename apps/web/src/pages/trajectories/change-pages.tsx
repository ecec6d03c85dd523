import { Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useReferenceData } from '../../api/reference-data';
import type { Trajectory } from '@doorloop/contracts';
import type { ApiClient } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { useApi } from '../../auth/session';
import { ErrorSummary, Loading, ProblemAlert } from '../../components/feedback';
import { Field } from '../../components/fields';
import { PageHeading } from '../../components/layout';
import { ButtonLink } from '../../components/links';
import {
  CourtMeasureFields,
  PartnerFields,
  PlacementFields,
  checkCourtMeasure,
  checkPartner,
  checkPlacement,
  emptyCourtMeasure,
  emptyPartner,
  emptyPlacement,
  placementBody,
  courtMeasureBody,
  partnerBody,
  type CourtMeasureInput,
} from './fact-fields';
import { useForm, type FormState } from '../../forms/use-form';
import type { Checks } from '../../forms/validation';

/**
 * One page per change of a trajectory. Each loads the trajectory (for its pseudonym and current facts), shows one
 * small form, sends the change and returns to the trajectory page, which says the schedule was recomputed.
 */
function ChangePage(props: {
  title: (trajectory: Trajectory) => string;
  intro?: string;
  children: (trajectory: Trajectory, form: ChangeState) => ReactNode;
}) {
  const { id = '' } = useParams();
  const trajectory = useResource(`trajectory:${id}`, (api) => api.get('/trajectories/{id}', { params: { id } }));
  const form = useChangeForm(id);
  if (trajectory.loading) return <Loading />;
  if (!trajectory.data) return <ProblemAlert error={trajectory.error} />;
  return (
    <>
      <PageHeading title={props.title(trajectory.data)} intro={props.intro} />
      <ErrorSummary errors={form.errors} />
      <ProblemAlert error={form.problem} />
      {props.children(trajectory.data, form)}
    </>
  );
}

interface ChangeState extends FormState {
  /** Submit handler: checks, then sends the change to trajectory `id` and goes back. */
  change: (
    check: (checks: Checks) => void,
    send: (api: ApiClient, id: string) => Promise<Trajectory>,
  ) => (event: FormEvent) => void;
}

function useChangeForm(id: string): ChangeState {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const form = useForm();
  return {
    ...form,
    change: (check, send) =>
      form.handleSubmit(check, async () => {
        await send(api, id);
        await navigate(`/trajectories/${id}`, { state: { notice: t('change.saved') } });
      }),
  };
}

/** A change's form: its fields, then the submit button and the way back to the trajectory. */
function ChangeForm(props: {
  onSubmit: (event: FormEvent) => void;
  busy: boolean;
  submitLabel?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <form noValidate className="doorloop-form" onSubmit={props.onSubmit}>
      {props.children}
      <ButtonGroup>
        <Button appearance="primary-action-button" type="submit" busy={props.busy} disabled={props.busy}>
          {props.submitLabel ?? t('change.submit')}
        </Button>
        <ButtonLink to={`/trajectories/${id}`} appearance="secondary-action">
          {t('common.cancel')}
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}

export function ChangePlacementPage() {
  const { t } = useTranslation();
  const [placement, setPlacement] = useState(emptyPlacement);
  return (
    <ChangePage
      title={(trajectory) => t('change.placementTitle', { pseudonym: trajectory.pseudonym })}
      intro={t('change.placementIntro')}
    >
      {(_trajectory, form) => (
        <ChangeForm
          busy={form.busy}
          onSubmit={form.change(
            (checks) => checkPlacement(checks, '', placement),
            (api, id) => api.post('/trajectories/{id}/placements', { params: { id }, body: placementBody(placement) }),
          )}
        >
          <PlacementFields prefix="" value={placement} onChange={setPlacement} errors={form.errors} />
        </ChangeForm>
      )}
    </ChangePage>
  );
}

/** A new court measure, or (with `:courtMeasureId`) a changed one, e.g. an extended OTS. */
export function CourtMeasurePage() {
  const { t } = useTranslation();
  const { courtMeasureId } = useParams();
  const [measure, setMeasure] = useState<CourtMeasureInput | null>(courtMeasureId ? null : emptyCourtMeasure);
  return (
    <ChangePage title={(trajectory) => t('change.courtMeasureTitle', { pseudonym: trajectory.pseudonym })}>
      {(trajectory, form) => {
        const existing = trajectory.courtMeasures.find((m) => m.id === courtMeasureId);
        if (courtMeasureId && !existing) return <Paragraph>{t('common.notFoundText')}</Paragraph>;
        const value = measure ?? {
          type: existing?.type ?? '',
          startDate: existing?.startDate ?? '',
          endDate: existing?.endDate ?? '',
        };
        return (
          <ChangeForm
            busy={form.busy}
            onSubmit={form.change(
              (checks) => checkCourtMeasure(checks, '', value),
              (api, id) =>
                courtMeasureId
                  ? api.put('/trajectories/{id}/court-measures/{courtMeasureId}', {
                      params: { id, courtMeasureId },
                      body: courtMeasureBody(value),
                    })
                  : api.post('/trajectories/{id}/court-measures', { params: { id }, body: courtMeasureBody(value) }),
            )}
          >
            <CourtMeasureFields prefix="" value={value} onChange={setMeasure} errors={form.errors} />
          </ChangeForm>
        );
      }}
    </ChangePage>
  );
}

export function AddPartnerPage() {
  const { t } = useTranslation();
  const [partner, setPartner] = useState(emptyPartner);
  return (
    <ChangePage title={(trajectory) => t('change.partnerTitle', { pseudonym: trajectory.pseudonym })}>
      {(_trajectory, form) => (
        <ChangeForm
          busy={form.busy}
          onSubmit={form.change(
            (checks) => checkPartner(checks, '', partner),
            (api, id) => api.post('/trajectories/{id}/partners', { params: { id }, body: partnerBody(partner) }),
          )}
        >
          <PartnerFields prefix="" value={partner} onChange={setPartner} errors={form.errors} />
        </ChangeForm>
      )}
    </ChangePage>
  );
}

export function BirthDateCorrectionPage() {
  const { t } = useTranslation();
  const [birthDate, setBirthDate] = useState('');
  return (
    <ChangePage
      title={(trajectory) => t('change.birthDateTitle', { pseudonym: trajectory.pseudonym })}
      intro={t('change.birthDateIntro')}
    >
      {(_trajectory, form) => (
        <ChangeForm
          busy={form.busy}
          onSubmit={form.change(
            (checks) => checks.date('birthDate', birthDate, { notAfterToday: true }),
            (api, id) => api.post('/trajectories/{id}/birth-date-corrections', { params: { id }, body: { birthDate } }),
          )}
        >
          <Field
            id="birthDate"
            type="date"
            label={t('change.newBirthDate')}
            value={birthDate}
            onChange={setBirthDate}
            error={form.errors.birthDate}
          />
        </ChangeForm>
      )}
    </ChangePage>
  );
}

export function MunicipalityChangePage() {
  const { t } = useTranslation();
  const { municipalities } = useReferenceData();
  const [municipalityCode, setMunicipalityCode] = useState('');
  return (
    <ChangePage
      title={(trajectory) => t('change.municipalityTitle', { pseudonym: trajectory.pseudonym })}
      intro={t('change.municipalityIntro')}
    >
      {(trajectory, form) => (
        <ChangeForm
          busy={form.busy}
          onSubmit={form.change(
            (checks) => checks.chosen('municipalityCode', municipalityCode),
            (api, id) =>
              api.post('/trajectories/{id}/municipality-changes', { params: { id }, body: { municipalityCode } }),
          )}
        >
          <Field
            type="select"
            id="municipalityCode"
            label={t('start.municipality')}
            value={municipalityCode}
            onChange={setMunicipalityCode}
            options={municipalities
              .filter((m) => m.code !== trajectory.municipalityCode)
              .map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
            error={form.errors.municipalityCode}
          />
        </ChangeForm>
      )}
    </ChangePage>
  );
}

export { ChangePage, ChangeForm };
