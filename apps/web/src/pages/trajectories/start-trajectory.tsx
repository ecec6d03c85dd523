import { EXPLOITATION_FORMS, type ExploitationForm } from '@doorloop/contracts';
import { Fieldset, FieldsetLegend, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useReferenceData } from '../../api/reference-data';
import { useApi, useMe } from '../../auth/session';
import { CheckboxField, Field } from '../../components/fields';
import { PageHeading } from '../../components/layout';
import { listBinder } from '../../components/repeater';
import { PageForm } from '../../components/page-form';
import {
  FactRepeater,
  courtMeasureForm,
  entryPrefix,
  municipalityOption,
  partnerForm,
  placementForm,
  type CourtMeasureInput,
  type PartnerInput,
  type PlacementInput,
} from './fact-fields';
import { useForm } from '../../forms/use-form';
import { pseudonymFinding } from '@doorloop/domain';

interface StartForm {
  pseudonym: string;
  birthDate: string;
  municipalityCode: string;
  partners: PartnerInput[];
  placements: PlacementInput[];
  courtMeasures: CourtMeasureInput[];
  exploitationForms: ExploitationForm[];
}

const EMPTY: StartForm = {
  pseudonym: '',
  birthDate: '',
  municipalityCode: '',
  partners: [],
  placements: [],
  courtMeasures: [],
  exploitationForms: [],
};

/** The coordinator starts a trajectory: who (by pseudonym), who takes part, where she stays, which measures apply. */
export function StartTrajectoryPage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { municipalities } = useReferenceData();
  const { pseudonymPrefix } = useMe();
  const [draft, setDraft] = useState<StartForm>(EMPTY);
  const form = useForm();
  const { errors } = form;
  const set = (patch: Partial<StartForm>) => setDraft((previous) => ({ ...previous, ...patch }));
  const repeat = listBinder(draft, setDraft);

  const onSubmit = form.handleSubmit(
    (checks) => {
      const finding =
        checks.required('pseudonym', draft.pseudonym) && pseudonymFinding(draft.pseudonym, pseudonymPrefix);
      if (finding) {
        checks.add('pseudonym', finding === 'invalid-format' ? t('validation.pseudonym') : t(`fieldErrors.${finding}`));
      }
      checks.date('birthDate', draft.birthDate, { notAfterToday: true });
      checks.chosen('municipalityCode', draft.municipalityCode);
      draft.partners.forEach((p, i) => partnerForm.check(checks, entryPrefix('partners', i), p));
      draft.placements.forEach((p, i) => placementForm.check(checks, entryPrefix('placements', i), p));
      draft.courtMeasures.forEach((c, i) => courtMeasureForm.check(checks, entryPrefix('courtMeasures', i), c));
    },
    async () => {
      const created = await api.post('/trajectories', {
        body: {
          pseudonym: draft.pseudonym,
          birthDate: draft.birthDate,
          municipalityCode: draft.municipalityCode,
          partners: draft.partners.map(partnerForm.body),
          placements: draft.placements.map(placementForm.body),
          courtMeasures: draft.courtMeasures.map(courtMeasureForm.body),
          exploitationForms: EXPLOITATION_FORMS.filter((form) => draft.exploitationForms.includes(form)),
        },
      });
      await navigate(`/trajectories/${created.id}`, {
        state: { notice: t('start.started', { pseudonym: created.pseudonym }) },
      });
    },
  );

  return (
    <>
      <PageHeading title={t('start.title')} intro={t('start.intro')} />
      <PageForm form={form} onSubmit={onSubmit} submitLabel={t('start.submit')}>
        <Fieldset>
          <FieldsetLegend>{t('start.youngPerson')}</FieldsetLegend>
          <Field
            id="pseudonym"
            label={t('start.pseudonym')}
            description={t('start.pseudonymHint', { prefix: pseudonymPrefix })}
            value={draft.pseudonym}
            onChange={(pseudonym) => set({ pseudonym: pseudonym.toUpperCase() })}
            maxLength={32}
            error={errors.pseudonym}
          />
          <Field
            id="birthDate"
            type="date"
            label={t('start.birthDate')}
            description={t('start.birthDateHint')}
            value={draft.birthDate}
            onChange={(birthDate) => set({ birthDate })}
            error={errors.birthDate}
          />
          <Field
            type="select"
            id="municipalityCode"
            label={t('start.municipality')}
            value={draft.municipalityCode}
            onChange={(municipalityCode) => set({ municipalityCode })}
            options={municipalities.map(municipalityOption)}
            error={errors.municipalityCode}
          />
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>{t('start.exploitationForms')}</FieldsetLegend>
          <Paragraph>{t('start.exploitationFormsHint')}</Paragraph>
          {EXPLOITATION_FORMS.map((form) => (
            <CheckboxField
              key={form}
              id={`exploitationForms-${form}`}
              label={t(`reports.columns.${form}`)}
              checked={draft.exploitationForms.includes(form)}
              onChange={(checked) =>
                set({
                  exploitationForms: checked
                    ? [...draft.exploitationForms, form]
                    : draft.exploitationForms.filter((chosen) => chosen !== form),
                })
              }
            />
          ))}
        </Fieldset>
        <FactRepeater {...repeat('partners')} form={partnerForm} errors={errors} />
        <FactRepeater {...repeat('placements')} form={placementForm} errors={errors} />
        <FactRepeater {...repeat('courtMeasures')} form={courtMeasureForm} errors={errors} />
      </PageForm>
    </>
  );
}
