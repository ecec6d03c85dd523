import {
  CHANGE_REASONS,
  COURT_MEASURE_TYPES,
  PAUSE_REASONS,
  LEGAL_BASES,
  PARTNER_ROLES,
  PLACEMENT_TYPES,
  courtMeasureInputSchema,
  handoverRequestSchema,
  legalBasisPeriodSchema,
  partnerSchema,
  pauseSchema,
  placementChangeSchema,
  placementInputSchema,
  type BirthDateCorrection,
  type LegalBasisPeriod,
  type MunicipalityChange,
  type ReopeningRequest,
  type Trajectory,
} from '@doorloop/contracts';
import { COURT_MEASURE_SUBTYPES, isPartnerRole, type CourtMeasureSubtype } from '@doorloop/domain';
import type { ParseKeys } from 'i18next';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useReferenceData } from '../../api/reference-data';
import {
  Field,
  ReasonField,
  VocabularySelect,
  fieldBinder,
  type FieldBinder,
  type Option,
  type StringFields,
} from '../../components/fields';
import { Repeater } from '../../components/repeater';
import type { Checks, FieldErrors } from '../../forms/validation';

/**
 * The facts of a trajectory as form fields: a placement, a court measure, a partner, the birth date, the
 * municipality. The start form repeats the first three (`FactRepeater`); each change page asks for one
 * (`FactChangePage`). The form that shows a fact's fields wires them (`bind`), with a prefix that makes their ids
 * unique (`placements-0-`) and matches the api's field paths.
 */
export interface FactFieldsProps<T> {
  bind: FieldBinder<T>;
  value: T;
  onChange: (value: T) => void;
  /** The trajectory being changed; none in the start form. */
  trajectory?: Trajectory;
}

/** Everything a form needs to ask for one fact: its empty value, its fields, its checks, its body for the api. */
export interface FactForm<T extends StringFields<T>, Body> {
  empty: T;
  Fields: ComponentType<FactFieldsProps<T>>;
  check: (checks: Checks, prefix: string, value: T) => void;
  /**
   * The api's body from what the form holds. Where a field is a choice, it is read with the contract's schema: after
   * the browser's checks it passes, and what it lets through has the request's type (a placement type, not any text).
   */
  body: (value: T) => Body;
}

/** A fact the start form takes a list of, with that list's words: legend and hint, an entry's name, add and remove. */
export interface RepeatedFactForm<T extends StringFields<T>, Body> extends FactForm<T, Body> {
  list: { legend: ParseKeys; hint?: ParseKeys; entry: ParseKeys; add: ParseKeys; remove: ParseKeys };
}

export interface PlacementInput {
  type: string;
  startDate: string;
  endDate: string;
  providerOrganisationId: string;
  authorisationEndDate: string;
  treatmentStartDate: string;
}

export interface CourtMeasureInput {
  type: string;
  subtype: string;
  startDate: string;
  endDate: string;
}

export interface PartnerInput {
  organisationId: string;
  role: string;
}

/** The organisations that can take part in a trajectory: every chain partner, not the coordinator or municipality. */
function usePartnerOrganisationOptions(): Option[] {
  const { organisations } = useReferenceData();
  return organisations.filter((o) => isPartnerRole(o.role)).map((o) => ({ value: o.id, label: o.name }));
}

function PlacementFields({ bind, value, onChange }: FactFieldsProps<PlacementInput>) {
  const { t } = useTranslation();
  const providers = usePartnerOrganisationOptions();
  return (
    <>
      <VocabularySelect
        {...bind('type')}
        label={t('start.placementType')}
        onChange={(type) =>
          onChange({
            ...value,
            type,
            ...(type === 'closed' ? {} : { authorisationEndDate: '', treatmentStartDate: '' }),
          })
        }
        values={PLACEMENT_TYPES}
        optionLabel={(type) => t(`placementTypes.${type}`)}
      />
      <Field {...bind('providerOrganisationId')} type="select" label={t('start.provider')} options={providers} />
      <Field {...bind('startDate')} type="date" label={t('start.startDate')} />
      <Field {...bind('endDate')} type="date" optional label={t('start.endDate')} />
      {value.type === 'closed' ? (
        <Field
          {...bind('authorisationEndDate')}
          type="date"
          label={t('start.authorisationEndDate')}
          description={t('start.authorisationEndDateHint')}
        />
      ) : null}
      {value.type === 'closed' ? (
        <Field
          {...bind('treatmentStartDate')}
          type="date"
          optional
          label={t('lawful.treatmentStartDate')}
          description={t('lawful.treatmentStartDateHint')}
        />
      ) : null}
    </>
  );
}

export const placementForm: RepeatedFactForm<PlacementInput, ReturnType<typeof placementInputSchema.parse>> = {
  empty: {
    type: '',
    startDate: '',
    endDate: '',
    providerOrganisationId: '',
    authorisationEndDate: '',
    treatmentStartDate: '',
  },
  Fields: PlacementFields,
  check(checks, prefix, value) {
    checks.chosen(`${prefix}type`, value.type);
    checks.chosen(`${prefix}providerOrganisationId`, value.providerOrganisationId);
    checks.date(`${prefix}startDate`, value.startDate);
    if (checks.date(`${prefix}endDate`, value.endDate, { optional: true }))
      checks.period(`${prefix}endDate`, value.startDate, value.endDate);
    if (value.type === 'closed' && checks.date(`${prefix}authorisationEndDate`, value.authorisationEndDate))
      checks.period(`${prefix}authorisationEndDate`, value.startDate, value.authorisationEndDate);
    if (value.type === 'closed')
      checks.date(`${prefix}treatmentStartDate`, value.treatmentStartDate, { optional: true, notAfterToday: true });
  },
  body: (value) =>
    placementInputSchema.parse({
      type: value.type,
      startDate: value.startDate,
      providerOrganisationId: value.providerOrganisationId,
      ...(value.endDate ? { endDate: value.endDate } : {}),
      ...(value.type === 'closed' && value.authorisationEndDate
        ? { authorisationEndDate: value.authorisationEndDate }
        : {}),
      ...(value.type === 'closed' && value.treatmentStartDate ? { treatmentStartDate: value.treatmentStartDate } : {}),
    }),
  list: {
    legend: 'start.placements',
    hint: 'start.placementsHint',
    entry: 'start.placement',
    add: 'start.addPlacement',
    remove: 'start.removePlacement',
  },
};

/** A change of placement (issue 13): the placement, and why it changed (with a text when the reason is other). */
export interface PlacementChangeInput extends PlacementInput {
  changeReason: string;
  changeReasonText: string;
}

function PlacementChangeFields(props: FactFieldsProps<PlacementChangeInput>) {
  const { t } = useTranslation();
  const { bind, value } = props;
  return (
    <>
      <PlacementFields {...(props as unknown as FactFieldsProps<PlacementInput>)} />
      <VocabularySelect
        {...bind('changeReason')}
        label={t('change.changeReason')}
        description={t('change.changeReasonHint')}
        values={CHANGE_REASONS}
        optionLabel={(reason) => t(`changeReasons.${reason}`)}
      />
      {value.changeReason === 'other' ? (
        <ReasonField {...bind('changeReasonText')} label={t('change.changeReasonText')} />
      ) : null}
    </>
  );
}

export const placementChangeForm: FactForm<PlacementChangeInput, ReturnType<typeof placementChangeSchema.parse>> = {
  empty: { ...placementForm.empty, changeReason: '', changeReasonText: '' },
  Fields: PlacementChangeFields,
  check(checks, prefix, value) {
    placementForm.check(checks, prefix, value);
    checks.chosen(`${prefix}changeReason`, value.changeReason);
    if (value.changeReason === 'other') checks.required(`${prefix}changeReasonText`, value.changeReasonText);
  },
  body: (value) =>
    placementChangeSchema.parse({
      ...placementForm.body(value),
      changeReason: value.changeReason,
      ...(value.changeReason === 'other' ? { changeReasonText: value.changeReasonText } : {}),
    }),
};

/** Why the trajectory pauses (issue 13): missing is no reason, it is a missing episode. */
export interface PauseInput {
  reason: string;
  reasonText: string;
}

function PauseFields({ bind, value }: FactFieldsProps<PauseInput>) {
  const { t } = useTranslation();
  return (
    <>
      <VocabularySelect
        {...bind('reason')}
        label={t('change.pauseReason')}
        description={t('change.pauseReasonHint')}
        values={PAUSE_REASONS}
        optionLabel={(reason) => t(`pauseReasons.${reason}`)}
      />
      {value.reason === 'other' ? <ReasonField {...bind('reasonText')} label={t('change.pauseReasonText')} /> : null}
    </>
  );
}

export const pauseForm: FactForm<PauseInput, ReturnType<typeof pauseSchema.parse>> = {
  empty: { reason: '', reasonText: '' },
  Fields: PauseFields,
  check(checks, prefix, value) {
    checks.chosen(`${prefix}reason`, value.reason);
    if (value.reason === 'other') checks.required(`${prefix}reasonText`, value.reasonText);
  },
  body: (value) =>
    pauseSchema.parse({ reason: value.reason, ...(value.reason === 'other' ? { reasonText: value.reasonText } : {}) }),
};

/** The kinds of a machtiging of `type` (none for an OTS or while no type is chosen). */
export const subtypesOf = (type: string): readonly CourtMeasureSubtype[] =>
  (COURT_MEASURE_SUBTYPES as Record<string, readonly CourtMeasureSubtype[]>)[type] ?? [];

function CourtMeasureFields({ bind, value, onChange }: FactFieldsProps<CourtMeasureInput>) {
  const { t } = useTranslation();
  const subtypes = subtypesOf(value.type);
  return (
    <>
      <VocabularySelect
        {...bind('type')}
        label={t('start.courtMeasureType')}
        // A machtiging is a normal one unless the court said otherwise: filled in, the user may change it.
        onChange={(type) => onChange({ ...value, type, subtype: subtypesOf(type).length ? 'normal' : '' })}
        values={COURT_MEASURE_TYPES}
        optionLabel={(type) => t(`courtMeasureTypes.${type}`)}
      />
      {subtypes.length ? (
        <VocabularySelect
          {...bind('subtype')}
          label={t('lawful.subtype')}
          description={t('lawful.subtypeHint')}
          values={subtypes}
          optionLabel={(subtype) => t(`courtMeasureSubtypes.${subtype}`)}
        />
      ) : null}
      <Field {...bind('startDate')} type="date" label={t('start.startDate')} />
      <Field {...bind('endDate')} type="date" label={t('start.endDate')} />
    </>
  );
}

export const courtMeasureForm: RepeatedFactForm<CourtMeasureInput, ReturnType<typeof courtMeasureInputSchema.parse>> = {
  empty: { type: '', subtype: '', startDate: '', endDate: '' },
  Fields: CourtMeasureFields,
  check(checks, prefix, value) {
    checks.chosen(`${prefix}type`, value.type);
    if (subtypesOf(value.type).length) checks.chosen(`${prefix}subtype`, value.subtype);
    checks.date(`${prefix}startDate`, value.startDate);
    if (checks.date(`${prefix}endDate`, value.endDate))
      checks.period(`${prefix}endDate`, value.startDate, value.endDate);
  },
  body: ({ subtype, ...value }) =>
    courtMeasureInputSchema.parse({
      ...value,
      ...(subtypesOf(value.type).some((s) => s === subtype) ? { subtype } : {}),
    }),
  list: {
    legend: 'start.courtMeasures',
    entry: 'start.courtMeasure',
    add: 'start.addCourtMeasure',
    remove: 'start.removeCourtMeasure',
  },
};

function PartnerFields({ bind, value, onChange }: FactFieldsProps<PartnerInput>) {
  const { t } = useTranslation();
  const { organisations } = useReferenceData();
  const options = usePartnerOrganisationOptions();
  // The organisation's own chain role is the usual role in the trajectory: fill it in, the user may change it.
  const choose = (organisationId: string) => {
    const role = organisations.find((o) => o.id === organisationId)?.role ?? '';
    onChange({ organisationId, role: isPartnerRole(role) ? role : value.role });
  };
  return (
    <>
      <Field
        {...bind('organisationId')}
        onChange={choose}
        type="select"
        label={t('start.organisation')}
        options={options}
      />
      <VocabularySelect
        {...bind('role')}
        label={t('start.role')}
        values={PARTNER_ROLES}
        optionLabel={(role) => t(`roles.${role}`)}
      />
    </>
  );
}

export const partnerForm: RepeatedFactForm<PartnerInput, ReturnType<typeof partnerSchema.parse>> = {
  empty: { organisationId: '', role: '' },
  Fields: PartnerFields,
  check(checks, prefix, value) {
    checks.chosen(`${prefix}organisationId`, value.organisationId);
    checks.chosen(`${prefix}role`, value.role);
  },
  body: (value) => partnerSchema.parse(value),
  list: {
    legend: 'start.partners',
    hint: 'start.partnersHint',
    entry: 'start.partner',
    add: 'start.addPartner',
    remove: 'start.removePartner',
  },
};

export interface BirthDateInput {
  birthDate: string;
}

function BirthDateFields({ bind }: FactFieldsProps<BirthDateInput>) {
  const { t } = useTranslation();
  return <Field {...bind('birthDate')} type="date" label={t('change.newBirthDate')} />;
}

/** A corrected birth date: a real date, not after today. */
export const birthDateForm: FactForm<BirthDateInput, BirthDateCorrection> = {
  empty: { birthDate: '' },
  Fields: BirthDateFields,
  check: (checks, prefix, value) => checks.date(`${prefix}birthDate`, value.birthDate, { notAfterToday: true }),
  body: (value) => value,
};

export interface MunicipalityInput {
  municipalityCode: string;
}

/** `Gemeente Demo (GM9999)`: the name, and the code that tells two of the same name apart. */
export const municipalityOption = (m: { code: string; name: string }): Option => ({
  value: m.code,
  label: `${m.name} (${m.code})`,
});

function MunicipalityFields({ bind, trajectory }: FactFieldsProps<MunicipalityInput>) {
  const { t } = useTranslation();
  const { municipalities } = useReferenceData();
  const others = municipalities.filter((m) => m.code !== trajectory?.municipalityCode);
  return (
    <Field
      {...bind('municipalityCode')}
      type="select"
      label={t('start.municipality')}
      options={others.map(municipalityOption)}
    />
  );
}

/** The municipality that becomes responsible: another than the current one. */
export const municipalityForm: FactForm<MunicipalityInput, MunicipalityChange> = {
  empty: { municipalityCode: '' },
  Fields: MunicipalityFields,
  check: (checks, prefix, value) => checks.chosen(`${prefix}municipalityCode`, value.municipalityCode),
  body: (value) => value,
};

export interface LegalBasisInput {
  basis: string;
  providerOrganisationId: string;
  from: string;
  until: string;
}

/** Who can give help on a legal basis: every organisation of the region (the municipality gives Participatiewet). */
function useOrganisationOptions(): Option[] {
  const { organisations } = useReferenceData();
  return organisations.map((o) => ({ value: o.id, label: o.name }));
}

function LegalBasisFields({ bind, value, onChange }: FactFieldsProps<LegalBasisInput>) {
  const { t } = useTranslation();
  const providers = useOrganisationOptions();
  return (
    <>
      <VocabularySelect
        {...bind('basis')}
        label={t('continuity.basis')}
        onChange={(basis) => onChange({ ...value, basis, ...(basis === 'none' ? { providerOrganisationId: '' } : {}) })}
        values={LEGAL_BASES}
        optionLabel={(basis) => t(`legalBases.${basis}`)}
      />
      {value.basis === 'none' ? null : (
        <Field {...bind('providerOrganisationId')} type="select" label={t('continuity.provider')} options={providers} />
      )}
      <Field {...bind('from')} type="date" label={t('continuity.from')} />
      <Field {...bind('until')} type="date" optional label={t('continuity.until')} />
    </>
  );
}

/**
 * One period of help on one legal basis. The browser checks what it can see in one period (a basis, a provider
 * unless none, real dates in order); overlaps and ages are the api's rules, named on their fields when it refuses.
 */
export const legalBasisForm: RepeatedFactForm<LegalBasisInput, LegalBasisPeriod> = {
  empty: { basis: '', providerOrganisationId: '', from: '', until: '' },
  Fields: LegalBasisFields,
  check(checks, prefix, value) {
    checks.chosen(`${prefix}basis`, value.basis);
    if (value.basis !== 'none') checks.chosen(`${prefix}providerOrganisationId`, value.providerOrganisationId);
    checks.date(`${prefix}from`, value.from);
    // `until` is the last day of the period: the same day as `from` is a one-day period.
    if (checks.date(`${prefix}until`, value.until, { optional: true }) && value.until && value.until < value.from)
      checks.period(`${prefix}until`, value.from, value.until);
  },
  body: (value) =>
    legalBasisPeriodSchema.parse({
      basis: value.basis,
      from: value.from,
      ...(value.basis !== 'none' && value.providerOrganisationId
        ? { providerOrganisationId: value.providerOrganisationId }
        : {}),
      ...(value.until ? { until: value.until } : {}),
    }),
  list: {
    legend: 'continuity.periods',
    hint: 'continuity.periodsHint',
    entry: 'continuity.period',
    add: 'continuity.addPeriod',
    remove: 'continuity.removePeriod',
  },
};

/** A recorded period as the form holds it. */
export const legalBasisInput = (period: LegalBasisPeriod): LegalBasisInput => ({
  basis: period.basis,
  providerOrganisationId: period.providerOrganisationId ?? '',
  from: period.from,
  until: period.until ?? '',
});

export interface ReceiverInput {
  receivingOrganisationId: string;
  note: string;
}

function ReceiverFields({ bind }: FactFieldsProps<ReceiverInput>) {
  const { t } = useTranslation();
  const options = usePartnerOrganisationOptions();
  return (
    <>
      <Field {...bind('receivingOrganisationId')} type="select" label={t('continuity.receiver')} options={options} />
      <ReasonField {...bind('note')} optional label={t('continuity.note')} description={t('continuity.noteHint')} />
    </>
  );
}

/** After a rejection: the organisation that is to receive her, and a note for the file. */
export const receiverForm: FactForm<ReceiverInput, ReturnType<typeof handoverRequestSchema.parse>> = {
  empty: { receivingOrganisationId: '', note: '' },
  Fields: ReceiverFields,
  check: (checks, prefix, value) => checks.chosen(`${prefix}receivingOrganisationId`, value.receivingOrganisationId),
  body: (value) =>
    handoverRequestSchema.parse({
      receivingOrganisationId: value.receivingOrganisationId,
      ...(value.note.trim() ? { note: value.note } : {}),
    }),
};

export interface ReopeningInput {
  date: string;
  reason: string;
}

function ReopeningFields({ bind }: FactFieldsProps<ReopeningInput>) {
  const { t } = useTranslation();
  return (
    <>
      <Field {...bind('date')} type="date" label={t('continuity.reopenDate')} />
      <ReasonField {...bind('reason')} label={t('continuity.reopenReason')} />
    </>
  );
}

/** She comes back: the day, not in the future (the api checks it is not before the closure), and why. */
export const reopeningForm: FactForm<ReopeningInput, ReopeningRequest> = {
  empty: { date: '', reason: '' },
  Fields: ReopeningFields,
  check(checks, prefix, value) {
    checks.date(`${prefix}date`, value.date, { notAfterToday: true });
    checks.required(`${prefix}reason`, value.reason);
  },
  body: (value) => ({ date: value.date, reason: value.reason.trim() }),
};

/** The ids of entry `index` of list `id`: `placements-0-`, as the api's `placements[0].` names them. */
export const entryPrefix = (id: string, index: number) => `${id}-${index}-`;

/** A list of one fact in the start form (its partners, its placements), each entry the fact's fields. */
export function FactRepeater<T extends StringFields<T>>(props: {
  id: string;
  form: RepeatedFactForm<T, unknown>;
  items: T[];
  onChange: (items: T[]) => void;
  errors: FieldErrors;
}) {
  const { id, form, errors } = props;
  const { t } = useTranslation();
  return (
    <Repeater
      id={id}
      legend={t(form.list.legend)}
      description={form.list.hint ? t(form.list.hint) : undefined}
      items={props.items}
      onChange={props.onChange}
      create={() => form.empty}
      itemLegend={(i) => t('common.item', { label: t(form.list.entry), number: i + 1 })}
      addLabel={t(form.list.add)}
      removeLabel={(i) => t(form.list.remove, { number: i + 1 })}
    >
      {(item, i, update) => (
        <form.Fields
          bind={fieldBinder(item, update, { prefix: entryPrefix(id, i), errors })}
          value={item}
          onChange={update}
        />
      )}
    </Repeater>
  );
}
