import { COURT_MEASURE_TYPES, PARTNER_ROLES, PLACEMENT_TYPES, isPartnerRole } from '@doorloop/domain';
import { useTranslation } from 'react-i18next';
import { useReferenceData } from '../../api/reference-data';
import type { FieldErrors } from '../../forms/validation';
import { SelectField, TextField, type Option } from '../../components/fields';
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
  const set = (patch: Partial<PlacementInput>) => onChange({ ...value, ...patch });
  return (
    <>
      <SelectField
        id={`${prefix}type`}
        label={t('start.placementType')}
        value={value.type}
        onChange={(type) => set({ type, ...(type === 'closed' ? {} : { authorisationEndDate: '' }) })}
        options={PLACEMENT_TYPES.map((type) => ({ value: type, label: t(`placementTypes.${type}`) }))}
        error={errors[`${prefix}type`]}
      />
      <SelectField
        id={`${prefix}providerOrganisationId`}
        label={t('start.provider')}
        value={value.providerOrganisationId}
        onChange={(providerOrganisationId) => set({ providerOrganisationId })}
        options={providers}
        error={errors[`${prefix}providerOrganisationId`]}
      />
      <TextField
        id={`${prefix}startDate`}
        type="date"
        label={t('start.startDate')}
        value={value.startDate}
        onChange={(startDate) => set({ startDate })}
        error={errors[`${prefix}startDate`]}
      />
      <TextField
        id={`${prefix}endDate`}
        type="date"
        optional
        label={t('start.endDate')}
        value={value.endDate}
        onChange={(endDate) => set({ endDate })}
        error={errors[`${prefix}endDate`]}
      />
      {value.type === 'closed' ? (
        <TextField
          id={`${prefix}authorisationEndDate`}
          type="date"
          label={t('start.authorisationEndDate')}
          description={t('start.authorisationEndDateHint')}
          value={value.authorisationEndDate}
          onChange={(authorisationEndDate) => set({ authorisationEndDate })}
          error={errors[`${prefix}authorisationEndDate`]}
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

/** The api's body: optional dates left out rather than sent empty. */
export function placementBody(value: PlacementInput) {
  return {
    type: value.type,
    startDate: value.startDate,
    providerOrganisationId: value.providerOrganisationId,
    ...(value.endDate ? { endDate: value.endDate } : {}),
    ...(value.type === 'closed' && value.authorisationEndDate
      ? { authorisationEndDate: value.authorisationEndDate }
      : {}),
  };
}

export function CourtMeasureFields({ prefix, value, onChange, errors }: FieldsProps<CourtMeasureInput>) {
  const { t } = useTranslation();
  const set = (patch: Partial<CourtMeasureInput>) => onChange({ ...value, ...patch });
  return (
    <>
      <SelectField
        id={`${prefix}type`}
        label={t('start.courtMeasureType')}
        value={value.type}
        onChange={(type) => set({ type })}
        options={COURT_MEASURE_TYPES.map((type) => ({ value: type, label: t(`courtMeasureTypes.${type}`) }))}
        error={errors[`${prefix}type`]}
      />
      <TextField
        id={`${prefix}startDate`}
        type="date"
        label={t('start.startDate')}
        value={value.startDate}
        onChange={(startDate) => set({ startDate })}
        error={errors[`${prefix}startDate`]}
      />
      <TextField
        id={`${prefix}endDate`}
        type="date"
        label={t('start.endDate')}
        value={value.endDate}
        onChange={(endDate) => set({ endDate })}
        error={errors[`${prefix}endDate`]}
      />
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
  return (
    <>
      <SelectField
        id={`${prefix}organisationId`}
        label={t('start.organisation')}
        value={value.organisationId}
        onChange={(organisationId) => {
          // The organisation's own chain role is the usual role in the trajectory: fill it in, the user may change it.
          const role = organisations.find((o) => o.id === organisationId)?.role ?? '';
          onChange({ organisationId, role: isPartnerRole(role) ? role : value.role });
        }}
        options={options}
        error={errors[`${prefix}organisationId`]}
      />
      <SelectField
        id={`${prefix}role`}
        label={t('start.role')}
        value={value.role}
        onChange={(role) => onChange({ ...value, role })}
        options={PARTNER_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        error={errors[`${prefix}role`]}
      />
    </>
  );
}

export function checkPartner(checks: Checks, prefix: string, value: PartnerInput): void {
  checks.chosen(`${prefix}organisationId`, value.organisationId);
  checks.chosen(`${prefix}role`, value.role);
}
