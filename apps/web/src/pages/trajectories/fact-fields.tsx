import {
  COURT_MEASURE_TYPES,
  PARTNER_ROLES,
  PLACEMENT_TYPES,
  courtMeasureInputSchema,
  partnerSchema,
  placementInputSchema,
} from '@doorloop/contracts';
import { isPartnerRole } from '@doorloop/domain';
import { useTranslation } from 'react-i18next';
import { useReferenceData } from '../../api/reference-data';
import type { FieldErrors } from '../../forms/validation';
import { Field, fieldBinder, type Option } from '../../components/fields';
import type { Checks } from '../../forms/validation';

/**
 * The facts of a trajectory as form fields: a placement, a court measure, a partner. The start form repeats them;
 * the change pages use one each. `prefix` makes ids unique (`placements-0-`) and matches the api's field paths.
 */
export interface PlacementInput {
  type: string;
  startDate: string;
  endDate: string;
  providerOrganisationId: string;
  authorisationEndDate: string;
}
export const emptyPlacement: PlacementInput = {
  type: '',
  startDate: '',
  endDate: '',
  providerOrganisationId: '',
  authorisationEndDate: '',
};

export interface CourtMeasureInput {
  type: string;
  startDate: string;
  endDate: string;
}
export const emptyCourtMeasure: CourtMeasureInput = { type: '', startDate: '', endDate: '' };

export interface PartnerInput {
  organisationId: string;
  role: string;
}
export const emptyPartner: PartnerInput = { organisationId: '', role: '' };

interface FieldsProps<T> {
  prefix: string;
  value: T;
  onChange: (value: T) => void;
  errors: FieldErrors;
}

/** The organisations that can take part in a trajectory: every chain partner, not the coordinator or municipality. */
function usePartnerOrganisationOptions(): Option[] {
  const { organisations } = useReferenceData();
  return organisations.filter((o) => isPartnerRole(o.role)).map((o) => ({ value: o.id, label: o.name }));
}

export function PlacementFields({ prefix, value, onChange, errors }: FieldsProps<PlacementInput>) {
  const { t } = useTranslation();
  const providers = usePartnerOrganisationOptions();
  const bind = fieldBinder(value, onChange, { prefix, errors });
  return (
    <>
      <Field
        {...bind('type')}
        type="select"
        label={t('start.placementType')}
        onChange={(type) => onChange({ ...value, type, ...(type === 'closed' ? {} : { authorisationEndDate: '' }) })}
        options={PLACEMENT_TYPES.map((type) => ({ value: type, label: t(`placementTypes.${type}`) }))}
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

export function checkPlacement(checks: Checks, prefix: string, value: PlacementInput): void {
  checks.chosen(`${prefix}type`, value.type);
  checks.chosen(`${prefix}providerOrganisationId`, value.providerOrganisationId);
  checks.date(`${prefix}startDate`, value.startDate);
  if (checks.date(`${prefix}endDate`, value.endDate, { optional: true }))
    checks.period(`${prefix}endDate`, value.startDate, value.endDate);
  if (value.type === 'closed' && checks.date(`${prefix}authorisationEndDate`, value.authorisationEndDate))
    checks.period(`${prefix}authorisationEndDate`, value.startDate, value.authorisationEndDate);
}

/**
 * The api's bodies from what the form holds, read with the contract's schemas: after the browser's checks they pass,
 * and what they let through has the request's type (a choice is a placement type, not any text).
 */
export function placementBody(value: PlacementInput) {
  return placementInputSchema.parse({
    type: value.type,
    startDate: value.startDate,
    providerOrganisationId: value.providerOrganisationId,
    ...(value.endDate ? { endDate: value.endDate } : {}),
    ...(value.type === 'closed' && value.authorisationEndDate
      ? { authorisationEndDate: value.authorisationEndDate }
      : {}),
  });
}

export const courtMeasureBody = (value: CourtMeasureInput) => courtMeasureInputSchema.parse(value);
export const partnerBody = (value: PartnerInput) => partnerSchema.parse(value);

export function CourtMeasureFields({ prefix, value, onChange, errors }: FieldsProps<CourtMeasureInput>) {
  const { t } = useTranslation();
  const bind = fieldBinder(value, onChange, { prefix, errors });
  return (
    <>
      <Field
        {...bind('type')}
        type="select"
        label={t('start.courtMeasureType')}
        options={COURT_MEASURE_TYPES.map((type) => ({ value: type, label: t(`courtMeasureTypes.${type}`) }))}
      />
      <Field {...bind('startDate')} type="date" label={t('start.startDate')} />
      <Field {...bind('endDate')} type="date" label={t('start.endDate')} />
    </>
  );
}

export function checkCourtMeasure(checks: Checks, prefix: string, value: CourtMeasureInput): void {
  checks.chosen(`${prefix}type`, value.type);
  checks.date(`${prefix}startDate`, value.startDate);
  if (checks.date(`${prefix}endDate`, value.endDate)) checks.period(`${prefix}endDate`, value.startDate, value.endDate);
}

export function PartnerFields({ prefix, value, onChange, errors }: FieldsProps<PartnerInput>) {
  const { t } = useTranslation();
  const { organisations } = useReferenceData();
  const options = usePartnerOrganisationOptions();
  const bind = fieldBinder(value, onChange, { prefix, errors });
  return (
    <>
      <Field
        {...bind('organisationId')}
        type="select"
        label={t('start.organisation')}
        onChange={(organisationId) => {
          // The organisation's own chain role is the usual role in the trajectory: fill it in, the user may change it.
          const role = organisations.find((o) => o.id === organisationId)?.role ?? '';
          onChange({ organisationId, role: isPartnerRole(role) ? role : value.role });
        }}
        options={options}
      />
      <Field
        {...bind('role')}
        type="select"
        label={t('start.role')}
        options={PARTNER_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      />
    </>
  );
}

export function checkPartner(checks: Checks, prefix: string, value: PartnerInput): void {
  checks.chosen(`${prefix}organisationId`, value.organisationId);
  checks.chosen(`${prefix}role`, value.role);
}
