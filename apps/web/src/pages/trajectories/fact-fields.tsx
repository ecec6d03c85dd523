import {
  COURT_MEASURE_TYPES,
  PARTNER_ROLES,
  PLACEMENT_TYPES,
  courtMeasureInputSchema,
  partnerSchema,
  placementInputSchema,
  type BirthDateCorrection,
  type MunicipalityChange,
  type Trajectory,
} from '@doorloop/contracts';
import { isPartnerRole } from '@doorloop/domain';
import type { ParseKeys } from 'i18next';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useReferenceData } from '../../api/reference-data';
import {
  Field,
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
}

export interface CourtMeasureInput {
  type: string;
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
        onChange={(type) => onChange({ ...value, type, ...(type === 'closed' ? {} : { authorisationEndDate: '' }) })}
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
    </>
  );
}

export const placementForm: RepeatedFactForm<PlacementInput, ReturnType<typeof placementInputSchema.parse>> = {
  empty: { type: '', startDate: '', endDate: '', providerOrganisationId: '', authorisationEndDate: '' },
  Fields: PlacementFields,
  check(checks, prefix, value) {
    checks.chosen(`${prefix}type`, value.type);
    checks.chosen(`${prefix}providerOrganisationId`, value.providerOrganisationId);
    checks.date(`${prefix}startDate`, value.startDate);
    if (checks.date(`${prefix}endDate`, value.endDate, { optional: true }))
      checks.period(`${prefix}endDate`, value.startDate, value.endDate);
    if (value.type === 'closed' && checks.date(`${prefix}authorisationEndDate`, value.authorisationEndDate))
      checks.period(`${prefix}authorisationEndDate`, value.startDate, value.authorisationEndDate);
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
    }),
  list: {
    legend: 'start.placements',
    hint: 'start.placementsHint',
    entry: 'start.placement',
    add: 'start.addPlacement',
    remove: 'start.removePlacement',
  },
};

function CourtMeasureFields({ bind }: FactFieldsProps<CourtMeasureInput>) {
  const { t } = useTranslation();
  return (
    <>
      <VocabularySelect
        {...bind('type')}
        label={t('start.courtMeasureType')}
        values={COURT_MEASURE_TYPES}
        optionLabel={(type) => t(`courtMeasureTypes.${type}`)}
      />
      <Field {...bind('startDate')} type="date" label={t('start.startDate')} />
      <Field {...bind('endDate')} type="date" label={t('start.endDate')} />
    </>
  );
}

export const courtMeasureForm: RepeatedFactForm<CourtMeasureInput, ReturnType<typeof courtMeasureInputSchema.parse>> = {
  empty: { type: '', startDate: '', endDate: '' },
  Fields: CourtMeasureFields,
  check(checks, prefix, value) {
    checks.chosen(`${prefix}type`, value.type);
    checks.date(`${prefix}startDate`, value.startDate);
    if (checks.date(`${prefix}endDate`, value.endDate))
      checks.period(`${prefix}endDate`, value.startDate, value.endDate);
  },
  body: (value) => courtMeasureInputSchema.parse(value),
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
