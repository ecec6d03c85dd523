import {
  DEFAULT_TIME_ZONE,
  type EpochMs,
  isLocalDate,
  legalAnniversary,
  type LocalDate,
  localDateOf,
  type TimeZone,
} from './calendar';
import type { FieldError, FieldErrorCode } from './field-error';
import { CHANGE_REASONS, COURT_MEASURE_SUBTYPES, PAUSE_REASONS } from './lawful-placement';
import { validateContinuation, validateLegalBases } from './legal-basis';
import { COURT_MEASURE_TYPES, isPartnerRole, PARTNER_ROLES, PLACEMENT_TYPES } from './roles';
import type { TrajectoryFacts } from './trajectory-facts';

/** The oldest a young person can be when her trajectory is registered or corrected. */
export const MAX_AGE_YEARS = 27;

const MUNICIPALITY_CODE = /^GM\d{4}$/;

/**
 * Checks the facts of a trajectory against each other and against `now`, beyond their shape. Returns every problem,
 * each naming its field and telling the user what to do; an empty list means the facts can be scheduled.
 */
export function validateFacts(facts: TrajectoryFacts, now: EpochMs, zone: TimeZone = DEFAULT_TIME_ZONE): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, code: FieldErrorCode, message: string): void => {
    errors.push({ path, code, message });
  };
  const today = localDateOf(now, zone);
  const date = (value: unknown, path: string, what: string): value is LocalDate => {
    if (isLocalDate(value)) return true;
    fail(path, 'invalid-date', `${what} must be a calendar date written YYYY-MM-DD, such as 2026-05-31`);
    return false;
  };
  const text = (value: unknown, path: string, what: string): void => {
    if (typeof value !== 'string' || value.trim() === '') fail(path, 'required', `${what} is required`);
  };
  /** A placement's or court measure's id, present and its own among its kind's, and its type, one of `types`. */
  const element = (
    ids: Set<string>,
    { id, type }: { id: string; type: string },
    path: string,
    kind: string,
    types: readonly string[],
  ): void => {
    text(id, `${path}.id`, `The ${kind} id`);
    if (ids.has(id)) fail(`${path}.id`, 'duplicate', `Another ${kind} has this id: give each ${kind} its own`);
    ids.add(id);
    if (!types.includes(type)) fail(`${path}.type`, 'invalid-value', `The ${kind} type must be ${oneOf(types)}`);
  };

  if (date(facts.birthDate, 'birthDate', 'The date of birth')) {
    if (facts.birthDate > today) {
      fail('birthDate', 'in-future', `The date of birth lies in the future: enter a date on or before ${today}`);
    } else if (legalAnniversary(facts.birthDate, MAX_AGE_YEARS) < today) {
      fail('birthDate', 'too-old', `The date of birth is more than ${MAX_AGE_YEARS} years ago: check the year`);
    }
  }
  if (!Number.isFinite(facts.startedOn)) {
    fail('startedOn', 'invalid-value', 'The start of the trajectory must be an instant (milliseconds since 1970)');
  } else if (facts.startedOn > now) {
    fail('startedOn', 'in-future', 'The trajectory cannot start in the future: use the moment it was registered');
  }
  text(facts.coordinatorOrganisationId, 'coordinatorOrganisationId', 'The coordinating organisation');
  if (!MUNICIPALITY_CODE.test(facts.municipalityCode)) {
    fail(
      'municipalityCode',
      'invalid-format',
      'The municipality must be a CBS code: GM followed by four digits, such as GM0599',
    );
  }

  const partnerKeys = new Set<string>();
  facts.partners.forEach((partner, index) => {
    const path = `partners[${index}]`;
    text(partner.organisationId, `${path}.organisationId`, 'The partner organisation');
    if (!isPartnerRole(partner.role)) {
      fail(`${path}.role`, 'invalid-value', `The partner role must be one of ${PARTNER_ROLES.join(', ')}`);
    }
    const key = `${partner.organisationId}\u0000${partner.role}`;
    if (partnerKeys.has(key))
      fail(path, 'duplicate', 'This organisation is already involved in this role: remove the duplicate');
    partnerKeys.add(key);
  });

  const placementIds = new Set<string>();
  facts.placements.forEach((placement, index) => {
    const path = `placements[${index}]`;
    element(placementIds, placement, path, 'placement', PLACEMENT_TYPES);
    text(placement.providerOrganisationId, `${path}.providerOrganisationId`, 'The care provider');
    const starts = date(placement.startDate, `${path}.startDate`, 'The start of the placement');
    if (starts && isLocalDate(facts.birthDate) && placement.startDate < facts.birthDate) {
      fail(`${path}.startDate`, 'before-birth-date', 'The placement starts before the date of birth: check both dates');
    }
    if (placement.endDate !== undefined && date(placement.endDate, `${path}.endDate`, 'The end of the placement')) {
      if (starts && placement.endDate < placement.startDate) {
        fail(
          `${path}.endDate`,
          'end-before-start',
          `The placement ends before it starts: enter an end on or after ${placement.startDate}`,
        );
      }
    }
    if (placement.treatmentStartDate !== undefined) {
      const treatmentPath = `${path}.treatmentStartDate`;
      if (date(placement.treatmentStartDate, treatmentPath, 'The start of treatment') && isLocalDate(facts.birthDate)) {
        if (placement.treatmentStartDate < facts.birthDate)
          fail(treatmentPath, 'before-birth-date', 'Treatment starts before the date of birth: check both dates');
        else if (placement.treatmentStartDate > today)
          fail(treatmentPath, 'in-future', `Record treatment once it started: enter ${today} or before`);
      }
    }
    if (placement.changeReason !== undefined && !CHANGE_REASONS.includes(placement.changeReason)) {
      fail(`${path}.changeReason`, 'invalid-value', `The reason for the change must be ${oneOf(CHANGE_REASONS)}`);
    }
    if (placement.authorisationEndDate !== undefined) {
      const authPath = `${path}.authorisationEndDate`;
      if (placement.type !== 'closed') {
        fail(
          authPath,
          'closed-placement-only',
          'Only a closed placement has an authorisation: remove the date or make the placement closed',
        );
      } else if (date(placement.authorisationEndDate, authPath, 'The end of the authorisation')) {
        if (starts && placement.authorisationEndDate < placement.startDate) {
          fail(
            authPath,
            'end-before-start',
            `The authorisation ends before the placement starts: enter a date after ${placement.startDate}`,
          );
        }
      }
    }
  });

  const measureIds = new Set<string>();
  facts.courtMeasures.forEach((measure, index) => {
    const path = `courtMeasures[${index}]`;
    element(measureIds, measure, path, 'court measure', COURT_MEASURE_TYPES);
    const subtypes: readonly string[] = COURT_MEASURE_SUBTYPES[measure.type] ?? [];
    if (measure.subtype !== undefined && !subtypes.includes(measure.subtype)) {
      fail(
        `${path}.subtype`,
        'subtype-not-for-type',
        subtypes.length === 0 ? `A ${measure.type} has no subtype` : `A ${measure.type} is ${oneOf(subtypes)}`,
      );
    }
    const starts = date(measure.startDate, `${path}.startDate`, 'The start of the court measure');
    if (date(measure.endDate, `${path}.endDate`, 'The end of the court measure') && starts) {
      if (measure.endDate < measure.startDate) {
        fail(
          `${path}.endDate`,
          'end-before-start',
          `The court measure ends before it starts: enter an end on or after ${measure.startDate}`,
        );
      }
    }
  });

  facts.pauses.forEach((pause, index) => {
    const path = `pauses[${index}]`;
    if (!Number.isFinite(pause.from) || pause.from > now) {
      fail(`${path}.from`, 'in-future', 'A pause starts now or in the past: use the moment the trajectory was paused');
    }
    if (pause.to !== undefined && (!Number.isFinite(pause.to) || pause.to > now || pause.to < pause.from)) {
      fail(
        `${path}.to`,
        'end-before-start',
        'A pause ends after it starts and not in the future: use the moment the trajectory resumed',
      );
    }
    if (pause.to === undefined && index !== facts.pauses.length - 1) {
      fail(
        `${path}.to`,
        'pause-still-running',
        'Only the last pause can still be running: give this pause the moment it ended',
      );
    }
    if (pause.reason !== undefined && !PAUSE_REASONS.includes(pause.reason)) {
      fail(`${path}.reason`, 'invalid-value', `The reason for a pause must be ${oneOf(PAUSE_REASONS)}`);
    }
    const previous = facts.pauses[index - 1];
    if (previous && (previous.to === undefined || pause.from < previous.to)) {
      fail(
        `${path}.from`,
        'pause-overlaps',
        'Pauses are listed in order and do not overlap: start this pause after the previous one ended',
      );
    }
  });

  if (facts.legalBases !== undefined) errors.push(...validateLegalBases(facts.legalBases, facts, 'legalBases', zone));
  if (facts.continuation !== undefined) {
    errors.push(...validateContinuation(facts.continuation));
    if (facts.continuation.decidedAt > now) {
      fail('continuation.decidedAt', 'in-future', 'A decision is recorded when it is made, not in the future');
    }
  }
  for (const [list, path] of [
    [facts.handoverRejections, 'handoverRejections'],
    [facts.receiverChoices, 'receiverChoices'],
    [facts.reopenings, 'reopenings'],
  ] as const) {
    (list ?? []).forEach((entry: { at: EpochMs }, index: number) => {
      if (!Number.isFinite(entry.at) || entry.at > now)
        fail(`${path}[${index}].at`, 'in-future', 'Recorded moments lie in the past');
    });
  }
  (facts.receiverChoices ?? []).forEach((choice, index) => {
    text(
      choice.receivingOrganisationId,
      `receiverChoices[${index}].receivingOrganisationId`,
      'The receiving organisation',
    );
  });

  let missing = 0;
  (facts.missingEpisodes ?? []).forEach((episode, index) => {
    const path = `missingEpisodes[${index}]`;
    text(episode.id, `${path}.id`, 'The missing episode id');
    if (!Number.isFinite(episode.since) || episode.since > now)
      fail(`${path}.since`, 'in-future', 'She went missing now or in the past: use the moment she was last seen');
    if (episode.returnedAt === undefined) missing += 1;
    else if (!Number.isFinite(episode.returnedAt) || episode.returnedAt > now || episode.returnedAt < episode.since)
      fail(`${path}.returnedAt`, 'end-before-start', 'She returns after she went missing and not in the future');
    if (missing > 1) fail(path, 'already-missing', 'She is already recorded as missing: record her return first');
  });

  if (facts.closure) {
    if (date(facts.closure.date, 'closure.date', 'The closure date')) {
      if (facts.closure.date > today)
        fail('closure.date', 'in-future', `A trajectory cannot close in the future: use ${today} or before`);
      if (Number.isFinite(facts.startedOn) && facts.closure.date < localDateOf(facts.startedOn, zone)) {
        fail('closure.date', 'before-start', 'The trajectory closes before it started: check the closure date');
      }
    }
    if (facts.closure.at !== undefined && (!Number.isFinite(facts.closure.at) || facts.closure.at > now)) {
      fail('closure.at', 'in-future', 'The moment of closure cannot be in the future');
    } else if (facts.closure.at !== undefined && localDateOf(facts.closure.at, zone) !== facts.closure.date) {
      fail(
        'closure.at',
        'not-on-closure-date',
        'The moment of closure falls on another day than the closure date: make them agree',
      );
    }
  }
  return errors;
}

/** `a, b or c`. */
function oneOf(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
