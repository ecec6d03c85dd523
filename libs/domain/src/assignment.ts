import type { LocalDate } from './calendar';
import type { MilestoneKind } from './milestone-kind';
import { MINOR_EVALUATION_INPUT_ROLES, type PartnerRole, type Role } from './roles';
import type { Placement, TrajectoryFacts } from './trajectory-facts';

/** One organisation that gets a task, and the role it gets it in. Tasks are per organisation, so ids are unique. */
export interface Assignee {
  readonly organisationId: string;
  readonly role: Role;
}

/** `care-provider`: the provider of the placement the task is about, or else of every placement running that day. */
type AssignedRole = Role | 'care-provider';

interface AssignmentRule {
  /** Each of these gets the task; a role nobody fills falls back to the coordinator. */
  readonly required: readonly AssignedRole[];
  /** Every partner in these roles also gets the task, for input; no fallback. */
  readonly alsoPartners: readonly PartnerRole[] | 'every-partner';
}

/** The rule before "Continuity at 18", for trajectories computed without it. */
const EVALUATION_INPUT_ROLES = MINOR_EVALUATION_INPUT_ROLES;

/** With "Continuity at 18", before the 18th birthday: the roles above, youth probation and the neighbourhood team. */
const MINOR_INPUT_ROLES: readonly PartnerRole[] = [...EVALUATION_INPUT_ROLES, 'youth-probation', 'neighbourhood-team'];

/**
 * From the 18th birthday: compulsory education has ended (no attendance officer) and youth protection has no measure
 * left (unless youth probation runs, see `YOUTH_JUSTICE_ROLES`); adult care, Wmo, work and income, housing and adult
 * mental health join; school stays while she is in education (while the school is a partner).
 */
const ADULT_INPUT_ROLES: readonly PartnerRole[] = [
  'police',
  'school',
  'debt-counselling',
  'youth-care',
  'specialised-care',
  'neighbourhood-team',
  'adult-care',
  'wmo',
  'work-and-income',
  'housing',
  'adult-mental-health',
];

/** After 18 these give input only while youth probation runs: while a youth-probation partner is involved. */
const YOUTH_JUSTICE_ROLES: readonly PartnerRole[] = ['youth-probation', 'youth-protection'];

/** DOMAIN.md's "assigned to (roles)" column. */
const RULES: Record<MilestoneKind, AssignmentRule> = {
  'future-plan': { required: ['care-provider', 'coordinator'], alsoPartners: [] },
  'adult-care-involvement': { required: ['municipality', 'adult-care'], alsoPartners: [] },
  'transition-review': {
    required: ['care-provider', 'adult-care', 'wmo', 'municipality', 'coordinator'],
    alsoPartners: 'every-partner',
  },
  handover: { required: ['care-provider', 'adult-care'], alsoPartners: [] },
  'placement-evaluation': { required: ['care-provider'], alsoPartners: EVALUATION_INPUT_ROLES },
  'authorisation-expiry': { required: ['coordinator', 'care-provider'], alsoPartners: [] },
  'closed-care-limit': { required: ['coordinator'], alsoPartners: [] },
  'ots-expiry': { required: ['youth-protection'], alsoPartners: [] },
  'extended-care-end': { required: ['coordinator', 'municipality'], alsoPartners: [] },
  'aftercare-check-in': { required: ['coordinator'], alsoPartners: [] },
  'continuation-decision': { required: ['coordinator'], alsoPartners: [] },
  'adulthood-admin': { required: ['work-and-income', 'municipality', 'coordinator'], alsoPartners: [] },
  'indication-extension': { required: ['municipality'], alsoPartners: [] },
  'safety-net': { required: ['coordinator'], alsoPartners: [] },
  'find-receiver': { required: ['coordinator'], alsoPartners: [] },
  'adult-intake': { required: ['coordinator'], alsoPartners: 'every-partner' },
  'custody-order-expiry': { required: ['youth-protection'], alsoPartners: [] },
  'treatment-start': { required: ['coordinator'], alsoPartners: [] },
  'missing-episode': { required: ['police', 'coordinator'], alsoPartners: [] },
  'safety-assessment': { required: ['coordinator'], alsoPartners: [] },
};

const CARE_PROVIDER_ROLES: readonly PartnerRole[] = ['youth-care', 'specialised-care'];

export interface AssignmentContext {
  /** The local date the task fires: decides which placements are running. */
  readonly date: LocalDate;
  /** The placement the task is about (placement evaluation, authorisation expiry). */
  readonly placement?: Placement;
  /**
   * With "Continuity at 18": whether she is 18 or older when the task fires, which decides whose evaluation input is
   * asked. Absent: the rule from before it.
   */
  readonly adult?: boolean;
  /**
   * With lawful placements (issue 13): while an OTS runs, an authorisation's expiry goes to youth protection as well.
   */
  readonly lawfulPlacements?: boolean;
  /** A handover's receiver when it is chosen (the continuation decision's new provider, a receiver after a rejection). */
  readonly receivingOrganisationId?: string;
}

/**
 * Who gets a task of this kind. Roles resolve against the partners of the trajectory: `coordinator` is the
 * coordinating organisation, `municipality` is the municipality's Wmo partner (the municipality acts through its Wmo
 * consultants), `care-provider` is the placement's provider (or, without one, every running placement's provider plus
 * the youth-care and specialised-care partners). A required role nobody fills goes to the coordinator.
 */
export function assigneesFor(kind: MilestoneKind, facts: TrajectoryFacts, context: AssignmentContext): Assignee[] {
  if (kind === 'handover') {
    const { sending, receiving } = handoverAssignees(facts, context.date, context.receivingOrganisationId);
    return unique([sending, receiving]);
  }
  const rule = RULES[kind];
  const otsRuns =
    context.lawfulPlacements === true &&
    kind === 'authorisation-expiry' &&
    facts.courtMeasures.some((m) => m.type === 'ots' && m.startDate <= context.date && m.endDate > context.date);
  const requiredRoles = otsRuns ? [...rule.required, 'youth-protection' as const] : rule.required;
  const required = requiredRoles.flatMap((role) => {
    const found = resolve(role, facts, context);
    return found.length > 0 ? found : [coordinator(facts)];
  });
  const inputRoles = kind === 'placement-evaluation' ? evaluationInputRoles(facts, context.adult) : rule.alsoPartners;
  const also =
    inputRoles === 'every-partner'
      ? facts.partners
      : facts.partners.filter((partner) => inputRoles.includes(partner.role));
  return unique([...required, ...also]);
}

/** Whose input a placement evaluation asks: by age with "Continuity at 18", else the rule from before it. */
export function evaluationInputRoles(facts: TrajectoryFacts, adult: boolean | undefined): readonly PartnerRole[] {
  if (adult === undefined) return EVALUATION_INPUT_ROLES;
  if (!adult) return MINOR_INPUT_ROLES;
  const probation = facts.partners.some((partner) => partner.role === 'youth-probation');
  return probation ? [...ADULT_INPUT_ROLES, ...YOUTH_JUSTICE_ROLES] : ADULT_INPUT_ROLES;
}

/**
 * The two sides of the warm handover to adult care: the youth-care provider sends, the adult-care provider receives
 * (or the organisation chosen to receive: `receivingOrganisationId`, in the role it is listed with, else adult care).
 * Either side that nobody fills is the coordinator; with several candidates the first listed one is chosen.
 */
export function handoverAssignees(
  facts: TrajectoryFacts,
  date: LocalDate,
  receivingOrganisationId?: string,
): { sending: Assignee; receiving: Assignee } {
  const sending = resolve('care-provider', facts, { date })[0] ?? coordinator(facts);
  const chosen = receivingOrganisationId && {
    organisationId: receivingOrganisationId,
    role: facts.partners.find((p) => p.organisationId === receivingOrganisationId)?.role ?? ('adult-care' as const),
  };
  const receiving = chosen || (resolve('adult-care', facts, { date })[0] ?? coordinator(facts));
  return { sending, receiving };
}

/** The placements running on `date` (start and end dates inclusive). */
export function placementsOn(facts: TrajectoryFacts, date: LocalDate): Placement[] {
  return facts.placements.filter(
    (placement) => placement.startDate <= date && (placement.endDate === undefined || placement.endDate >= date),
  );
}

function resolve(role: AssignedRole, facts: TrajectoryFacts, context: AssignmentContext): Assignee[] {
  if (role === 'coordinator') return [coordinator(facts)];
  if (role === 'municipality') return partnersIn(facts, ['wmo']);
  if (role !== 'care-provider') return partnersIn(facts, [role]);
  const placements = context.placement ? [context.placement] : placementsOn(facts, context.date);
  const providers = placements.map((placement) => providerAssignee(facts, placement.providerOrganisationId));
  return context.placement ? providers : [...providers, ...partnersIn(facts, CARE_PROVIDER_ROLES)];
}

function partnersIn(facts: TrajectoryFacts, roles: readonly PartnerRole[]): Assignee[] {
  return facts.partners.filter((partner) => roles.includes(partner.role));
}

/** A provider keeps the role it is listed with; a provider not listed as a partner counts as youth care. */
function providerAssignee(facts: TrajectoryFacts, organisationId: string): Assignee {
  const listed =
    facts.partners.find((p) => p.organisationId === organisationId && CARE_PROVIDER_ROLES.includes(p.role)) ??
    facts.partners.find((p) => p.organisationId === organisationId);
  return { organisationId, role: listed?.role ?? 'youth-care' };
}

function coordinator(facts: TrajectoryFacts): Assignee {
  return { organisationId: facts.coordinatorOrganisationId, role: 'coordinator' };
}

function unique(assignees: readonly Assignee[]): Assignee[] {
  const seen = new Set<string>();
  return assignees
    .filter((assignee) => !seen.has(assignee.organisationId) && seen.add(assignee.organisationId))
    .map(({ organisationId, role }) => ({ organisationId, role }));
}
