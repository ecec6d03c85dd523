import { Button, ButtonGroup, Fieldset, FieldsetLegend } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useReferenceData } from '../../api/reference-data';
import { useApi } from '../../auth/session';
import { ErrorSummary, ProblemAlert } from '../../components/feedback';
import { Field } from '../../components/fields';
import { PageHeading } from '../../components/layout';
import { Repeater } from '../../components/repeater';
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
  type PartnerInput,
  type PlacementInput,
} from './fact-fields';
import { useForm } from '../../forms/use-form';
import { PSEUDONYM_PATTERN } from '@doorloop/contracts';

interface StartForm {
  pseudonym: string;
  birthDate: string;
  municipalityCode: string;
  partners: PartnerInput[];
  placements: PlacementInput[];
  courtMeasures: CourtMeasureInput[];
}

const EMPTY: StartForm = {
  pseudonym: '',
  birthDate: '',
  municipalityCode: '',
  partners: [],
  placements: [],
  courtMeasures: [],
};

/** The coordinator starts a trajectory: who (by pseudonym), who takes part, where she stays, which measures apply. */
export function StartTrajectoryPage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { municipalities } = useReferenceData();
  const [form, setForm] = useState<StartForm>(EMPTY);
  const { errors, problem, busy, handleSubmit } = useForm();
  const set = (patch: Partial<StartForm>) => setForm((previous) => ({ ...previous, ...patch }));

  const onSubmit = handleSubmit(
    (checks) => {
      if (checks.required('pseudonym', form.pseudonym) && !PSEUDONYM_PATTERN.test(form.pseudonym))
        checks.add('pseudonym', t('validation.pseudonym'));
      checks.date('birthDate', form.birthDate, { notAfterToday: true });
      checks.chosen('municipalityCode', form.municipalityCode);
      form.partners.forEach((p, i) => checkPartner(checks, `partners-${i}-`, p));
      form.placements.forEach((p, i) => checkPlacement(checks, `placements-${i}-`, p));
      form.courtMeasures.forEach((c, i) => checkCourtMeasure(checks, `courtMeasures-${i}-`, c));
    },
    async () => {
      const created = await api.post('/trajectories', {
        body: {
          pseudonym: form.pseudonym,
          birthDate: form.birthDate,
          municipalityCode: form.municipalityCode,
          partners: form.partners.map(partnerBody),
          placements: form.placements.map(placementBody),
          courtMeasures: form.courtMeasures.map(courtMeasureBody),
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
      <ErrorSummary errors={errors} />
      <ProblemAlert error={problem} />
      <form noValidate onSubmit={onSubmit} className="doorloop-form">
        <Fieldset>
          <FieldsetLegend>{t('start.youngPerson')}</FieldsetLegend>
          <Field
            id="pseudonym"
            label={t('start.pseudonym')}
            description={t('start.pseudonymHint')}
            value={form.pseudonym}
            onChange={(pseudonym) => set({ pseudonym: pseudonym.toUpperCase() })}
            maxLength={32}
            error={errors.pseudonym}
          />
          <Field
            id="birthDate"
            type="date"
            label={t('start.birthDate')}
            description={t('start.birthDateHint')}
            value={form.birthDate}
            onChange={(birthDate) => set({ birthDate })}
            error={errors.birthDate}
          />
          <Field
            type="select"
            id="municipalityCode"
            label={t('start.municipality')}
            value={form.municipalityCode}
            onChange={(municipalityCode) => set({ municipalityCode })}
            options={municipalities.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
            error={errors.municipalityCode}
          />
        </Fieldset>
        <Repeater
          id="partners"
          legend={t('start.partners')}
          description={t('start.partnersHint')}
          items={form.partners}
          onChange={(partners) => set({ partners })}
          create={() => emptyPartner}
          itemLegend={(i) => t('common.item', { label: t('start.partner'), number: i + 1 })}
          addLabel={t('start.addPartner')}
          removeLabel={(i) => t('start.removePartner', { number: i + 1 })}
        >
          {(partner, i, update) => (
            <PartnerFields prefix={`partners-${i}-`} value={partner} onChange={update} errors={errors} />
          )}
        </Repeater>
        <Repeater
          id="placements"
          legend={t('start.placements')}
          description={t('start.placementsHint')}
          items={form.placements}
          onChange={(placements) => set({ placements })}
          create={() => emptyPlacement}
          itemLegend={(i) => t('common.item', { label: t('start.placement'), number: i + 1 })}
          addLabel={t('start.addPlacement')}
          removeLabel={(i) => t('start.removePlacement', { number: i + 1 })}
        >
          {(placement, i, update) => (
            <PlacementFields prefix={`placements-${i}-`} value={placement} onChange={update} errors={errors} />
          )}
        </Repeater>
        <Repeater
          id="courtMeasures"
          legend={t('start.courtMeasures')}
          items={form.courtMeasures}
          onChange={(courtMeasures) => set({ courtMeasures })}
          create={() => emptyCourtMeasure}
          itemLegend={(i) => t('common.item', { label: t('start.courtMeasure'), number: i + 1 })}
          addLabel={t('start.addCourtMeasure')}
          removeLabel={(i) => t('start.removeCourtMeasure', { number: i + 1 })}
        >
          {(measure, i, update) => (
            <CourtMeasureFields prefix={`courtMeasures-${i}-`} value={measure} onChange={update} errors={errors} />
          )}
        </Repeater>
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" busy={busy} disabled={busy}>
            {t('start.submit')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
