import {
  addDaysToLocalDate,
  basesAfterDecision,
  type ContinuationDecision,
  type LegalBasisPeriod,
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
  type ChangeReason,
  type CourtMeasureSubtype,
  type TimeZone,
  type TrajectoryFacts,
  validateContinuation,
  validateFacts,
} from '@doorloop/domain';
import type {
  BirthDateCorrection,
  Closure,
  ContinuationChange,
  LegalBasesChange,
  ReceiverChange,
  Reopening,
  CourtMeasureChange,
  MunicipalityChange,
  PartnerChange,
  PlacementChange,
  MissingEpisodeChange,
  PauseChange,
  ReturnChange,
  TreatmentStartChange,
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
  } else if (
    existing &&
    existing.startDate === measure.startDate &&
    existing.endDate === measure.endDate &&
    existing.subtype === measure.subtype
  ) {
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

/**
 * The responsible municipality changes: future tasks and the director view follow. With the new municipality's
 * organisation (`wmoOrganisationId`) it replaces the Wmo partner.
 */
export function changeMunicipality(
  facts: TrajectoryFacts,
  change: MunicipalityChange,
  clock: ChangeClock,
): ChangeOutcome {
  const outcome = replaced(
    facts,
    'municipalityCode',
    change,
    clock,
    'This municipality is already responsible: nothing to change',
  );
  const wmo = isRecord(change) && typeof change.wmoOrganisationId === 'string' ? change.wmoOrganisationId : undefined;
  if (!outcome.ok || wmo === undefined) return outcome;
  const partners = [
    ...outcome.facts.partners.filter((p) => p.role !== 'wmo'),
    { organisationId: wmo, role: 'wmo' as const },
  ];
  return { ok: true, facts: { ...outcome.facts, partners } };
}

/**
 * The continuation decision, recorded at `now`: the schedule follows it (no handover when the provider stays, an
 * indication extension or a safety net), and the legal bases get the decided basis from the 18th birthday.
 */
export function recordContinuation(
  facts: TrajectoryFacts,
  change: ContinuationChange,
  clock: ChangeClock,
): ChangeOutcome {
  if (!isRecord(change)) return refused('continuation', 'required', 'A continuation decision is required');
  if (facts.closure) return refused('continuation', 'already-closed', 'The trajectory is closed: reopen it first');
  const provider = change.providerOrganisationId;
  const decision: ContinuationDecision = {
    continuation: change.continuation,
    basis: change.basis,
    ...(absent(provider) ? {} : { providerOrganisationId: provider }),
    decidedAt: clock.now,
  };
  const own = validateContinuation(decision).map((error) => ({
    ...error,
    path: error.path.replace(/^continuation\./, ''),
  }));
  if (own.length > 0) return { ok: false, errors: own };
  const legalBases = isLocalDate(facts.birthDate)
    ? basesAfterDecision(facts.legalBases ?? [], facts.birthDate, decision, clock.zone)
    : (facts.legalBases ?? []);
  const decided = legalBases.length - 1;
  return checked(facts, { ...facts, continuation: decision, legalBases }, clock, [], {
    [`legalBases[${decided}].from`]: 'basis',
    [`legalBases[${decided}].basis`]: 'basis',
  });
}

/** Replaces the legal-basis periods: a correction, checked as a whole. */
export function setLegalBases(facts: TrajectoryFacts, change: LegalBasesChange, clock: ChangeClock): ChangeOutcome {
  if (!isRecord(change) || !Array.isArray(change.legalBases)) {
    return refused('legalBases', 'required', 'The legal bases are a list of periods (it may be empty)');
  }
  const legalBases = change.legalBases.map((period) => (isRecord(period) ? pickPeriod(period) : period));
  return checked(facts, { ...facts, legalBases }, clock, []);
}

/** The coordinator chose a receiving organisation at `now`: a new handover occurrence fires to it. */
export function chooseReceiver(facts: TrajectoryFacts, change: ReceiverChange, clock: ChangeClock): ChangeOutcome {
  if (facts.closure) return refused('receivingOrganisationId', 'already-closed', 'The trajectory is closed');
  const receivingOrganisationId = isRecord(change) ? change.receivingOrganisationId : '';
  const receiverChoices = [...(facts.receiverChoices ?? []), { receivingOrganisationId, at: clock.now }];
  return checked(facts, { ...facts, receiverChoices }, clock, [], {
    [`receiverChoices[${receiverChoices.length - 1}].receivingOrganisationId`]: 'receivingOrganisationId',
  });
}

/**
 * A closed trajectory comes back on `date` (on or after its closure, not in the future): the closure is undone and
 * recorded with the reopening; the schedule resumes from the facts and nothing that fired fires again.
 */
export function reopen(facts: TrajectoryFacts, change: Reopening, clock: ChangeClock): ChangeOutcome {
  if (!facts.closure) {
    return refused('date', 'not-closed', 'The trajectory is not closed: only a closed trajectory can be reopened');
  }
  const date = isRecord(change) ? change.date : undefined;
  if (!isLocalDate(date)) return refused('date', 'invalid-date', 'The reopening date must be written YYYY-MM-DD');
  if (date > localDateOf(clock.now, clock.zone)) {
    return refused('date', 'in-future', 'A trajectory is reopened today or on an earlier date, not in the future');
  }
  if (date < facts.closure.date) {
    return refused(
      'date',
      'before-closure',
      `The trajectory closed on ${facts.closure.date}: reopen on that date or later`,
    );
  }
  const { closure, ...open } = facts;
  const reopenings = [...(facts.reopenings ?? []), { date, at: clock.now, closedOn: closure.date }];
  return checked(facts, { ...open, reopenings }, clock, []);
}

/** Pauses the trajectory from `now`: nothing fires until it resumes. A reason (issue 13) is kept with the pause. */
export function pause(facts: TrajectoryFacts, clock: ChangeClock, change?: PauseChange): ChangeOutcome {
  if (facts.closure) return refused('closure', 'already-closed', 'A closed trajectory cannot be paused');
  if (runningPause(facts))
    return refused('pauses', 'already-paused', 'The trajectory is already paused: resume it first');
  const reason = isRecord(change) && !absent(change.reason) ? { reason: change.reason } : {};
  const pauses = [...facts.pauses, { from: clock.now, ...reason }];
  return checked(facts, { ...facts, pauses }, clock, [], { [`pauses[${facts.pauses.length}].reason`]: 'reason' });
}

/** Records when treatment started in a placement (issue 13): a closed placement's treatment task then does not fire. */
export function recordTreatmentStart(
  facts: TrajectoryFacts,
  change: TreatmentStartChange,
  clock: ChangeClock,
): ChangeOutcome {
  const id = isRecord(change) ? change.placementId : undefined;
  const index = facts.placements.findIndex((p) => p.id === id);
  if (index < 0) return refused('placementId', 'invalid-value', 'This trajectory has no placement with this id');
  const date = isRecord(change) ? change.treatmentStartDate : undefined;
  if (facts.placements[index].treatmentStartDate === date) {
    return refused('treatmentStartDate', 'unchanged', 'Treatment is already recorded as starting on this date');
  }
  const placements = facts.placements.map((p, i) => (i === index ? { ...p, treatmentStartDate: date } : p));
  return checked(facts, { ...facts, placements }, clock, [], {
    [`placements[${index}].treatmentStartDate`]: 'treatmentStartDate',
  });
}

/** She went missing (issue 13): tasks fire at once to police and coordinator. Not while she is missing already. */
export function recordMissingEpisode(
  facts: TrajectoryFacts,
  change: MissingEpisodeChange,
  clock: ChangeClock,
): ChangeOutcome {
  if (!isRecord(change)) return refused('since', 'required', 'When she went missing is required');
  if (facts.closure) return refused('since', 'already-closed', 'A closed trajectory records no missing episodes');
  const episodes = facts.missingEpisodes ?? [];
  if (episodes.some((e) => e.returnedAt === undefined)) {
    return refused('since', 'already-missing', 'She is already recorded as missing: record her return first');
  }
  const episode = {
    id: change.id,
    since: change.since,
    recordedAt: clock.now,
    policeReportMade: change.policeReportMade === true,
  };
  return checked(facts, { ...facts, missingEpisodes: [...episodes, episode] }, clock, [], {
    [`missingEpisodes[${episodes.length}]`]: '',
  });
}

/** She returned (issue 13): the episode closes at `now` and a safety-assessment task fires. */
export function recordReturn(facts: TrajectoryFacts, change: ReturnChange, clock: ChangeClock): ChangeOutcome {
  const episodes = facts.missingEpisodes ?? [];
  const index = episodes.findIndex((e) => isRecord(change) && e.id === change.episodeId);
  if (index < 0) return refused('episodeId', 'invalid-value', 'This trajectory has no missing episode with this id');
  if (episodes[index].returnedAt !== undefined) {
    return refused('episodeId', 'already-returned', 'This missing episode is closed already');
  }
  const missingEpisodes = episodes.map((e, i) => (i === index ? { ...e, returnedAt: clock.now } : e));
  return checked(facts, { ...facts, missingEpisodes }, clock, []);
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
    ...(absent(value.treatmentStartDate) ? {} : { treatmentStartDate: value.treatmentStartDate as string }),
    ...(absent(value.changeReason) ? {} : { changeReason: value.changeReason as ChangeReason }),
    ...(value.overridden === true ? { overridden: true } : {}),
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
    ...(absent(value.subtype) ? {} : { subtype: value.subtype as CourtMeasureSubtype }),
    ...(value.overridden === true ? { overridden: true } : {}),
  };
}

function pickPeriod(value: Record<string, unknown>): LegalBasisPeriod {
  return {
    basis: value.basis as LegalBasisPeriod['basis'],
    ...(absent(value.providerOrganisationId) ? {} : { providerOrganisationId: value.providerOrganisationId as string }),
    from: value.from as string,
    ...(absent(value.until) ? {} : { until: value.until as string }),
  };
}

function pickPartner(value: Record<string, unknown>): Partner {
  return { organisationId: value.organisationId as string, role: value.role as PartnerRole };
}
