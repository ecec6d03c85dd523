import { missingEpisodeSchema, type MissingEpisodeRequest, type TreatmentStartRequest } from '@doorloop/contracts';
import { useTranslation } from 'react-i18next';
import { Field, RadioGroupField, ReasonField } from '../../components/fields';
import type { FactFieldsProps, FactForm } from './fact-fields';

/**
 * The facts of issue 13 that are no placement or measure: when treatment started in a placement, and that she went
 * missing. Each is a `FactForm`, asked for on its own change page.
 */

export interface TreatmentStartInput {
  treatmentStartDate: string;
}

function TreatmentStartFields({ bind }: FactFieldsProps<TreatmentStartInput>) {
  const { t } = useTranslation();
  return (
    <Field
      {...bind('treatmentStartDate')}
      type="date"
      label={t('lawful.treatmentStartDate')}
      description={t('lawful.treatmentStartDateHint')}
    />
  );
}

/** When treatment actually started: a real date, not after today. */
export const treatmentStartForm: FactForm<TreatmentStartInput, TreatmentStartRequest> = {
  empty: { treatmentStartDate: '' },
  Fields: TreatmentStartFields,
  check: (checks, prefix, value) =>
    checks.date(`${prefix}treatmentStartDate`, value.treatmentStartDate, { notAfterToday: true }),
  body: (value) => value,
};

export interface MissingEpisodeInput {
  /** The day she was last seen; the api's `since` is this day at `sinceTime`. */
  since: string;
  sinceTime: string;
  lastSeen: string;
  policeReportMade: string;
}

/** `2026-12-05` at `21:30` in the browser's time zone, as the api's moment with its offset. */
export const sinceMoment = (date: string, time: string): Date => new Date(`${date}T${time}`);

function MissingEpisodeFields({ bind }: FactFieldsProps<MissingEpisodeInput>) {
  const { t } = useTranslation();
  return (
    <>
      <Field {...bind('since')} type="date" label={t('lawful.since')} description={t('lawful.sinceHint')} />
      <Field {...bind('sinceTime')} type="time" label={t('lawful.sinceTime')} />
      <ReasonField {...bind('lastSeen')} optional label={t('lawful.lastSeen')} description={t('lawful.lastSeenHint')} />
      <RadioGroupField
        {...bind('policeReportMade')}
        label={t('lawful.policeReportMade')}
        options={[
          { value: 'yes', label: t('common.yes') },
          { value: 'no', label: t('common.no') },
        ]}
      />
    </>
  );
}

/** She went missing: since when (a day and a time, not in the future), where she was last seen, a police report. */
export const missingEpisodeForm: FactForm<MissingEpisodeInput, MissingEpisodeRequest> = {
  empty: { since: '', sinceTime: '', lastSeen: '', policeReportMade: '' },
  Fields: MissingEpisodeFields,
  check(checks, prefix, value) {
    const day = checks.date(`${prefix}since`, value.since, { notAfterToday: true });
    if (checks.time(`${prefix}sinceTime`, value.sinceTime) && day)
      checks.notInFuture(`${prefix}sinceTime`, sinceMoment(value.since, value.sinceTime));
    checks.chosen(`${prefix}policeReportMade`, value.policeReportMade);
  },
  body: (value) =>
    missingEpisodeSchema.parse({
      since: sinceMoment(value.since, value.sinceTime).toISOString(),
      policeReportMade: value.policeReportMade === 'yes',
      ...(value.lastSeen.trim() ? { lastSeen: value.lastSeen.trim() } : {}),
    }),
};
