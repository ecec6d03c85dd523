/** Roles a partner organisation can have in a trajectory. */
/** The chain partners of DOMAIN.md's first version. */
const CHAIN_PARTNER_ROLES = [
  'police',
  'school',
  'attendance-officer',
  'debt-counselling',
  'youth-care',
  'specialised-care',
  'youth-protection',
  'adult-care',
  'wmo',
  'housing',
] as const;

/** The partners "Continuity at 18" (issue 12) adds; `adult-mental-health` is adult GGZ (Zvw), apart from adult care. */
const CONTINUITY_PARTNER_ROLES = [
  'work-and-income',
  'youth-probation',
  'neighbourhood-team',
  'adult-mental-health',
] as const;

export const PARTNER_ROLES = [...CHAIN_PARTNER_ROLES, ...CONTINUITY_PARTNER_ROLES] as const;

/**
 * Whose view a placement evaluation asked for before "Continuity at 18" (DOMAIN.md): police, school / leerplicht, debt
 * counselling, care, youth protection; every chain partner but adult care, Wmo and housing.
 */
export const MINOR_EVALUATION_INPUT_ROLES: readonly PartnerRole[] = CHAIN_PARTNER_ROLES.filter(
  (role) => role !== 'adult-care' && role !== 'wmo' && role !== 'housing',
);

export type PartnerRole = (typeof PARTNER_ROLES)[number];

/** The roles a municipality plays through its own departments: Wmo consultants, and work and income. */
export const MUNICIPAL_PARTNER_ROLES: readonly PartnerRole[] = ['wmo', 'work-and-income'];

/**
 * Whether an organisation of `organisationRole` may join a trajectory as `partnerRole`: in its own role, and a
 * municipality also as `wmo` (its Wmo consultants) or `work-and-income` (its department of work and income), see
 * docs/policy.md.
 */
export function canPlayPartnerRole(organisationRole: string, partnerRole: PartnerRole): boolean {
  return (
    organisationRole === partnerRole ||
    (organisationRole === 'municipality' && MUNICIPAL_PARTNER_ROLES.includes(partnerRole))
  );
}

/** Every role a task can be assigned to: the partner roles plus the coordinator and the municipality. */
export const ROLES = [...PARTNER_ROLES, 'coordinator', 'municipality'] as const;

export type Role = (typeof ROLES)[number];

export const PLACEMENT_TYPES = ['ambulant', 'foster-family', 'open-residential', 'closed'] as const;

export type PlacementType = (typeof PLACEMENT_TYPES)[number];

export const COURT_MEASURE_TYPES = ['ots', 'custody-order', 'closed-care-authorisation'] as const;

export type CourtMeasureType = (typeof COURT_MEASURE_TYPES)[number];

export function isPartnerRole(value: unknown): value is PartnerRole {
  return typeof value === 'string' && (PARTNER_ROLES as readonly string[]).includes(value);
}

/** What a user of Doorloop may do: a role of access, not a role in a trajectory (see docs/security.md). */
export const USER_ROLES = ['coordinator', 'partner', 'director', 'admin', 'auditor'] as const;

export type UserRole = (typeof USER_ROLES)[number];
