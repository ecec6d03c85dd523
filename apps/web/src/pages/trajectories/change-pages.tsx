import type { Trajectory } from '@doorloop/contracts';
import type { ParseKeys } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ApiClient } from '../../api/client';
import { fieldBinder, type StringFields } from '../../components/fields';
import { ChangePage, type Override } from './change-page';
import {
  FactRepeater,
  birthDateForm,
  courtMeasureForm,
  entryPrefix,
  legalBasisForm,
  legalBasisInput,
  municipalityForm,
  partnerForm,
  pauseForm,
  placementChangeForm,
  receiverForm,
  reopeningForm,
  type FactForm,
  type LegalBasisInput,
  subtypesOf,
} from './fact-fields';
import { missingEpisodeForm, treatmentStartForm } from './lawful-fields';

/**
 * A change page that asks for one fact (a placement, a court measure, a partner, the birth date, the municipality):
 * the fact's own fields, checks and body. `existing` gives the fact the page changes (undefined: not there); without
 * it the form starts empty.
 */
function FactChangePage<T extends StringFields<T>, Body, Result extends Trajectory = Trajectory>(props: {
  form: FactForm<T, Body>;
  title: ParseKeys;
  intro?: ParseKeys;
  existing?: (trajectory: Trajectory) => T | undefined;
  /** A fact the law may refuse: after such a refusal the page offers an override, which `send` then gets. */
  overridable?: boolean;
  send: (api: ApiClient, id: string, body: Body, override?: Override) => Promise<Result>;
  notice?: (result: Result) => string;
}) {
  const { form, existing } = props;
  const [edited, setEdited] = useState<T | null>(null);
  const value = (trajectory: Trajectory) => edited ?? existing?.(trajectory) ?? form.empty;
  return (
    <ChangePage
      title={props.title}
      intro={props.intro}
      found={existing && ((trajectory) => existing(trajectory) !== undefined)}
      check={(checks, trajectory) => form.check(checks, '', value(trajectory))}
      overridable={props.overridable}
      send={(api, trajectory, override) => props.send(api, trajectory.id, form.body(value(trajectory)), override)}
      notice={props.notice}
    >
      {(trajectory, errors) => {
        const current = value(trajectory);
        const bind = fieldBinder(current, setEdited, { errors });
        return <form.Fields bind={bind} value={current} onChange={setEdited} trajectory={trajectory} />;
      }}
    </ChangePage>
  );
}

export function ChangePlacementPage() {
  return (
    <FactChangePage
      form={placementChangeForm}
      title="change.placementTitle"
      intro="change.placementIntro"
      overridable
      send={(api, id, body, override) =>
        api.post('/trajectories/{id}/placements', { params: { id }, body: { ...body, ...(override && { override }) } })
      }
    />
  );
}

/** A pause says why (issue 13); missing is no pause but a missing episode. */
export function PausePage() {
  const { t } = useTranslation();
  return (
    <FactChangePage
      form={pauseForm}
      title="change.pauseTitle"
      intro="change.pauseIntro"
      send={(api, id, body) => api.post('/trajectories/{id}/pauses', { params: { id }, body })}
      notice={() => t('trajectory.paused')}
    />
  );
}

/** A new court measure, or (with `:courtMeasureId`) a changed one, e.g. an extended OTS. */
export function CourtMeasurePage() {
  const { courtMeasureId } = useParams();
  return (
    <FactChangePage
      form={courtMeasureForm}
      title="change.courtMeasureTitle"
      existing={
        courtMeasureId
          ? (trajectory) => {
              const measure = trajectory.courtMeasures.find((m) => m.id === courtMeasureId);
              return (
                measure && {
                  type: measure.type,
                  // Recorded without a subtype (before there were kinds): a normal one.
                  subtype: measure.subtype ?? (subtypesOf(measure.type).length ? 'normal' : ''),
                  startDate: measure.startDate,
                  endDate: measure.endDate,
                }
              );
            }
          : undefined
      }
      overridable
      send={(api, id, measure, override) => {
        const body = { ...measure, ...(override && { override }) };
        return courtMeasureId
          ? api.put('/trajectories/{id}/court-measures/{courtMeasureId}', { params: { id, courtMeasureId }, body })
          : api.post('/trajectories/{id}/court-measures', { params: { id }, body });
      }}
    />
  );
}

/** When treatment actually started in one placement (`:placementId`), filled in when it was recorded before. */
export function TreatmentStartPage() {
  const { placementId = '' } = useParams();
  return (
    <FactChangePage
      form={treatmentStartForm}
      title="lawful.treatmentTitle"
      intro="lawful.treatmentIntro"
      existing={(trajectory) => {
        const placement = trajectory.placements.find((p) => p.id === placementId);
        return placement && { treatmentStartDate: placement.treatmentStartDate ?? '' };
      }}
      send={(api, id, body) =>
        api.post('/trajectories/{id}/placements/{placementId}/treatment-start', { params: { id, placementId }, body })
      }
    />
  );
}

/** She went missing: police and the coordinator get a task at once. Her return is a button on the trajectory page. */
export function MissingEpisodePage() {
  const { t } = useTranslation();
  return (
    <FactChangePage
      form={missingEpisodeForm}
      title="lawful.missingTitle"
      intro="lawful.missingIntro"
      send={(api, id, body) => api.post('/trajectories/{id}/missing-episodes', { params: { id }, body })}
      notice={() => t('lawful.missingRecorded')}
    />
  );
}

export function AddPartnerPage() {
  return (
    <FactChangePage
      form={partnerForm}
      title="change.partnerTitle"
      send={(api, id, body) => api.post('/trajectories/{id}/partners', { params: { id }, body })}
    />
  );
}

export function BirthDateCorrectionPage() {
  return (
    <FactChangePage
      form={birthDateForm}
      title="change.birthDateTitle"
      intro="change.birthDateIntro"
      send={(api, id, body) => api.post('/trajectories/{id}/birth-date-corrections', { params: { id }, body })}
    />
  );
}

export function MunicipalityChangePage() {
  return (
    <FactChangePage
      form={municipalityForm}
      title="change.municipalityTitle"
      intro="change.municipalityIntro"
      send={(api, id, body) => api.post('/trajectories/{id}/municipality-changes', { params: { id }, body })}
    />
  );
}

/** After a rejected handover: the coordinator chooses who is to receive her, and a new handover fires. */
export function NewReceiverPage() {
  return (
    <FactChangePage
      form={receiverForm}
      title="continuity.receiverTitle"
      intro="continuity.receiverIntro"
      send={(api, id, body) => api.post('/trajectories/{id}/handovers', { params: { id }, body })}
    />
  );
}

/** A closed trajectory comes back; the trajectory page then says on which legal bases help may continue. */
export function ReopeningPage() {
  const { t } = useTranslation();
  return (
    <FactChangePage
      form={reopeningForm}
      title="continuity.reopenTitle"
      intro="continuity.reopenIntro"
      send={(api, id, body) => api.post('/trajectories/{id}/reopenings', { params: { id }, body })}
      notice={(reopened) =>
        t('continuity.reopenedAllowedBases', {
          bases: reopened.allowedBases.map((basis) => t(`legalBases.${basis}`)).join(', '),
        })
      }
    />
  );
}

/** The legal bases per period, corrected as a whole: the list replaces the recorded one. */
export function LegalBasesPage() {
  const [edited, setEdited] = useState<LegalBasisInput[] | null>(null);
  const periods = (trajectory: Trajectory) => edited ?? trajectory.legalBases.map(legalBasisInput);
  return (
    <ChangePage
      title="continuity.legalBasesTitle"
      intro="continuity.legalBasesIntro"
      check={(checks, trajectory) =>
        periods(trajectory).forEach((period, i) => legalBasisForm.check(checks, entryPrefix('legalBases', i), period))
      }
      send={(api, trajectory) =>
        api.post('/trajectories/{id}/legal-bases', {
          params: { id: trajectory.id },
          body: { legalBases: periods(trajectory).map(legalBasisForm.body) },
        })
      }
    >
      {(trajectory, errors) => (
        <FactRepeater
          id="legalBases"
          form={legalBasisForm}
          items={periods(trajectory)}
          onChange={setEdited}
          errors={errors}
        />
      )}
    </ChangePage>
  );
}
