import {
  addDaysToLocalDate,
  type CourtMeasure,
  type EpochMs,
  type FieldError,
  type FieldErrorCode,
  isLocalDate,
  localDateOf,
  type Partner,
  type PartnerRole,
  type Placement,
  type PlacementType,
  type CourtMeasureType,
  type TimeZone,
  type TrajectoryFacts,
  validateFacts,
} from '@doorloop/domain';
import type {
  BirthDateCorrection,
  Closure,
  CourtMeasureChange,
  MunicipalityChange,
  PartnerChange,
  PlacementChange,
} from './updates';

/**
 * The facts after a change, or why the change is refused. Pure: the workflow's validators and handlers both call these
 * functions, so what a validator accepts is exactly what the handler applies.
 */
export type ChangeOutcome =
  { readonly ok: true; readonly facts: TrajectoryFacts } | { readonly ok: false; readonly errors: FieldError[] };

/** `now` is the workflow's clock; `zone` the policy's time zone (dates are calendar dates there). */
export interface ChangeClock {
  readonly now: EpochMs;
  readonly zone: TimeZone;
}

/**
 * A new placement. Every placement still running on the new start date ends the day before it (a placement that
 * started that same day lasts that one day); its evaluation series stops there and the new placement's series starts.
 * The new placement may not start before the current (latest) one: that is a correction of history, not a transfer.
 */
export function changePlacement(facts: TrajectoryFacts, change: PlacementChange, clock: ChangeClock): ChangeOutcome {
  if (!isRecord(change) || !isRecord(change.placement)) {
    return refused('placement', 'required', 'A placement is required: id, type, startDate and providerOrganisationId');
  }
  const placement = pickPlacement(change.placement);
  const own: FieldError[] = [];
  const current = latestPlacement(facts.placements);
  if (current && isLocalDate(placement.startDate) && placement.startDate < current.startDate) {
    own.push({
      path: 'placement.startDate',
      code: 'before-current-placement',
      message: `A new placement cannot start before the current one (${current.startDate}): enter ${current.startDate} or later`,
    });
  }
  if (own.length > 0 || !isLocalDate(placement.startDate)) {
    return checked(facts, { ...facts, placements: [...facts.placements, placement] }, clock, own, {
      [`placements[${facts.placements.length}]`]: 'placement',
    });
  }
  const start = placement.startDate;
  const dayBefore = addDaysToLocalDate(start, -1);
  const placements = facts.placements.map((existing): Placement => {
    const runsOnStart =
      isLocalDate(existing.startDate) &&
      existing.startDate <= start &&
      (existing.endDate === undefined || existing.endDate >= start);
    if (!runsOnStart) return existing;
    return { ...existing, endDate: dayBefore < existing.startDate ? existing.startDate : dayBefore };
  });
  return checked(facts, { ...facts, placements: [...placements, placement] }, clock, own, {
    [`placements[${facts.placements.length}]`]: 'placement',
  });
}

/** Adds a court measure, or replaces the one with the same id (an extension or a correction of its dates). */
export function recordCourtMeasure(
  facts: TrajectoryFacts,
  change: CourtMeasureChange,
  clock: ChangeClock,
): ChangeOutcome {
  if (!isRecord(change) || !isRecord(change.courtMeasure)) {
    return refused('courtMeasure', 'required', 'A court measure is required: id, type, startDate and endDate');
  }
  const measure = pickCourtMeasure(change.courtMeasure);
  const index = facts.courtMeasures.findIndex((existing) => existing.id === measure.id);
  const own: FieldError[] = [];
  const existing = facts.courtMeasures[index];
  if (existing && existing.type !== measure.type) {
    own.push({
      path: 'courtMeasure.type',
      code: 'type-changed',
      message: `This court measure is a ${existing.type}: a measure keeps its type, so record a new one with its own id`,
    });
  } else if (existing && existing.startDate === measure.startDate && existing.endDate === measure.endDate) {
    own.push({
      path: 'courtMeasure',
      code: 'unchanged',
      message: 'This court measure is already recorded with these dates: nothing changes',
    });
  }
  const position = index >= 0 ? index : facts.courtMeasures.length;
  const courtMeasures =
    index >= 0 ? facts.courtMeasures.map((m, i) => (i === index ? measure : m)) : [...facts.courtMeasures, measure];
  return checked(facts, { ...facts, courtMeasures }, clock, own, { [`courtMeasures[${position}]`]: 'courtMeasure' });
}

/** Corrects the date of birth: every age-driven milestone that has not fired moves with it. */
export function correctBirthDate(
  facts: TrajectoryFacts,
  change: BirthDateCorrection,
  clock: ChangeClock,
): ChangeOutcome {
  return replaced(facts, 'birthDate', change, clock, 'The date of birth is already this date: nothing to correct');
}

/** A partner organisation joins in a role; the tasks that fire from now on include it where its role is asked for. */
export function partnerJoined(facts: TrajectoryFacts, change: PartnerChange, clock: ChangeClock): ChangeOutcome {
  if (!isRecord(change) || !isRecord(change.partner)) {
    return refused('partner', 'required', 'A partner is required: organisationId and role');
  }
  const partner = pickPartner(change.partner);
  const own: FieldError[] = facts.partners.some((p) => samePartner(p, partner))
    ? [
        {
          path: 'partner',
          code: 'unchanged',
          message: 'This organisation is already involved in this role: nothing to add',
        },
      ]
    : [];
  return checked(facts, { ...facts, partners: [...facts.partners, partner] }, clock, own, {
    [`partners[${facts.partners.length}]`]: 'partner',
  });
}

/** A partner organisation leaves a role; tasks already fired stay with it, later ones do not include it. */
export function partnerLeft(facts: TrajectoryFacts, change: PartnerChange, clock: ChangeClock): ChangeOutcome {
  if (!isRecord(change) || !isRecord(change.partner)) {
    return refused('partner', 'required', 'A partner is required: organisationId and role');
  }
  const partner = pickPartner(change.partner);
  if (!facts.partners.some((p) => samePartner(p, partner))) {
    return refused('partner', 'not-involved', 'This organisation is not involved in this role: nothing to remove');
  }
  return checked(facts, { ...facts, partners: facts.partners.filter((p) => !samePartner(p, partner)) }, clock, []);
}

/** The responsible municipality changes: future tasks and the director view follow. */
export function changeMunicipality(
  facts: TrajectoryFacts,
  change: MunicipalityChange,
  clock: ChangeClock,
): ChangeOutcome {
  return replaced(
    facts,
    'municipalityCode',
    change,
    clock,
    'This municipality is already responsible: nothing to change',
  );
}

/** Pauses the trajectory from `now`: nothing fires until it resumes. */
export function pause(facts: TrajectoryFacts, clock: ChangeClock): ChangeOutcome {
  if (facts.closure) return refused('closure', 'already-closed', 'A closed trajectory cannot be paused');
  if (runningPause(facts))
    return refused('pauses', 'already-paused', 'The trajectory is already paused: resume it first');
  return checked(facts, { ...facts, pauses: [...facts.pauses, { from: clock.now }] }, clock, []);
}

/** Ends the running pause at `now`. The caller extends the open tasks' due moments by the pause's length. */
export function resume(facts: TrajectoryFacts, clock: ChangeClock): ChangeOutcome {
  const running = runningPause(facts);
  if (!running) return refused('pauses', 'not-paused', 'The trajectory is not paused: nothing to resume');
  const pauses = facts.pauses.map((p) => (p === running ? { from: p.from, to: Math.max(clock.now, p.from) } : p));
  return checked(facts, { ...facts, pauses }, clock, []);
}

/**
 * Closes the trajectory on `date`. Closed today, the closure's moment is `now` (aftercare counts from it); closed on an
 * earlier date, it is the start of that date. A paused trajectory must resume first, so that its open tasks get their
 * pause extension before closure.
 */
export function close(facts: TrajectoryFacts, change: Closure, clock: ChangeClock): ChangeOutcome {
  if (facts.closure) return refused('date', 'already-closed', 'The trajectory is already closed');
  if (runningPause(facts)) {
    return refused(
      'date',
      'paused',
      'The trajectory is paused: resume it before closing it, so open tasks keep their extension',
    );
  }
  const date = isRecord(change) ? change.date : undefined;
  const closure =
    isLocalDate(date) && date === localDateOf(clock.now, clock.zone)
      ? { date, at: clock.now }
      : { date: date as string };
  return checked(facts, { ...facts, closure }, clock, [], { 'closure.date': 'date', 'closure.at': 'date' });
}

/** The pause still running (without an end), if any. */
export function runningPause(facts: TrajectoryFacts): TrajectoryFacts['pauses'][number] | undefined {
  return facts.pauses.find((p) => p.to === undefined);
}

/** The status the facts imply: closed, paused (a pause without an end) or active. */
export function statusOf(facts: TrajectoryFacts): 'active' | 'paused' | 'closed' {
  return facts.closure ? 'closed' : runningPause(facts) ? 'paused' : 'active';
}

/** One field of the facts replaced by the payload's field of the same name; the same value again is refused. */
function replaced(
  facts: TrajectoryFacts,
  field: 'birthDate' | 'municipalityCode',
  change: unknown,
  clock: ChangeClock,
  sameMessage: string,
): ChangeOutcome {
  const value = isRecord(change) ? change[field] : undefined;
  const own: FieldError[] = value === facts[field] ? [{ path: field, code: 'unchanged', message: sameMessage }] : [];
  return checked(facts, { ...facts, [field]: value as string }, clock, own);
}

/**
 * The change's own errors plus every problem `validateFacts` finds in the facts after it that the facts before it did
 * not have (so a problem that time brought, such as an age limit, does not block unrelated changes). Paths that name
 * the changed element are given relative to the update's payload (`placements[2].endDate` → `placement.endDate`).
 */
function checked(
  before: TrajectoryFacts,
  after: TrajectoryFacts,
  clock: ChangeClock,
  own: readonly FieldError[],
  renames: Readonly<Record<string, string>> = {},
): ChangeOutcome {
  const known = new Set(safeValidate(before, clock).map(errorKey));
  const rename = (path: string): string => {
    for (const [from, to] of Object.entries(renames)) {
      if (path === from || path.startsWith(`${from}.`)) return to + path.slice(from.length);
    }
    return path;
  };
  const found = safeValidate(after, clock)
    .filter((error) => !known.has(errorKey(error)))
    .map((error) => ({ ...error, path: rename(error.path) }));
  const ownPaths = new Set(own.map((error) => error.path));
  const errors = [...own, ...found.filter((error) => !ownPaths.has(error.path))];
  return errors.length > 0 ? { ok: false, errors } : { ok: true, facts: after };
}

/** validateFacts assumes the facts' shape (lists of objects); a payload of the wrong shape becomes a field error. */
function safeValidate(facts: TrajectoryFacts, clock: ChangeClock): FieldError[] {
  try {
    return validateFacts(facts, clock.now, clock.zone);
  } catch {
    return [{ path: '', code: 'invalid-value', message: 'The change does not have the expected shape' }];
  }
}

function refused(path: string, code: FieldErrorCode, message: string): ChangeOutcome {
  return { ok: false, errors: [{ path, code, message }] };
}

function errorKey(error: FieldError): string {
  return `${error.path}\u0000${error.message}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function latestPlacement(placements: readonly Placement[]): Placement | undefined {
  return placements.reduce<Placement | undefined>(
    (latest, p) => (latest === undefined || p.startDate >= latest.startDate ? p : latest),
    undefined,
  );
}

function samePartner(a: Partner, b: Partner): boolean {
  return a.organisationId === b.organisationId && a.role === b.role;
}

// Only the known fields are kept: nothing else (such as a name smuggled into a payload) reaches the facts.

function pickPlacement(value: Record<string, unknown>): Placement {
  return {
    id: value.id as string,
    type: value.type as PlacementType,
    startDate: value.startDate as string,
    ...(absent(value.endDate) ? {} : { endDate: value.endDate as string }),
    providerOrganisationId: value.providerOrganisationId as string,
    ...(absent(value.authorisationEndDate) ? {} : { authorisationEndDate: value.authorisationEndDate as string }),
  };
}

function absent(value: unknown): boolean {
  return value === undefined || value === null;
}

function pickCourtMeasure(value: Record<string, unknown>): CourtMeasure {
  return {
    id: value.id as string,
    type: value.type as CourtMeasureType,
    startDate: value.startDate as string,
    endDate: value.endDate as string,
  };
}

function pickPartner(value: Record<string, unknown>): Partner {
  return { organisationId: value.organisationId as string, role: value.role as PartnerRole };
}
