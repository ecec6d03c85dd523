import type { LocalDate } from './calendar';
import type { MilestoneKind } from './milestone-kind';
import { PARTNER_ROLES, type PartnerRole, type Role } from './roles';
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

/** Whose view a placement evaluation asks for (DOMAIN.md): police, school / leerplicht, debt counselling, care, youth protection. */
const EVALUATION_INPUT_ROLES: readonly PartnerRole[] = PARTNER_ROLES.filter(
  (role) => role !== 'adult-care' && role !== 'wmo' && role !== 'housing',
);

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
};

const CARE_PROVIDER_ROLES: readonly PartnerRole[] = ['youth-care', 'specialised-care'];

export interface AssignmentContext {
  /** The local date the task fires: decides which placements are running. */
  readonly date: LocalDate;
  /** The placement the task is about (placement evaluation, authorisation expiry). */
  readonly placement?: Placement;
}

/**
 * Who gets a task of this kind. Roles resolve against the partners of the trajectory: `coordinator` is the
 * coordinating organisation, `municipality` is the municipality's Wmo partner (the municipality acts through its Wmo
 * consultants), `care-provider` is the placement's provider (or, without one, every running placement's provider plus
 * the youth-care and specialised-care partners). A required role nobody fills goes to the coordinator.
 */
export function assigneesFor(kind: MilestoneKind, facts: TrajectoryFacts, context: AssignmentContext): Assignee[] {
  if (kind === 'handover') {
    const { sending, receiving } = handoverAssignees(facts, context.date);
    return unique([sending, receiving]);
  }
  const rule = RULES[kind];
  const required = rule.required.flatMap((role) => {
    const found = resolve(role, facts, context);
    return found.length > 0 ? found : [coordinator(facts)];
  });
  const also =
    rule.alsoPartners === 'every-partner'
      ? facts.partners
      : facts.partners.filter((partner) => rule.alsoPartners.includes(partner.role));
  return unique([...required, ...also]);
}

/**
 * The two sides of the warm handover to adult care: the youth-care provider sends, the adult-care provider receives.
 * Either side that nobody fills is the coordinator; with several candidates the first listed one is chosen.
 */
export function handoverAssignees(facts: TrajectoryFacts, date: LocalDate): { sending: Assignee; receiving: Assignee } {
  const sending = resolve('care-provider', facts, { date })[0] ?? coordinator(facts);
  const receiving = resolve('adult-care', facts, { date })[0] ?? coordinator(facts);
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
