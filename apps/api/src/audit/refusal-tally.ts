import type { AuditEntry } from '@doorloop/audit';
import type { FailedLoginTally, TalliedStatus } from '@doorloop/persistence';
import type { Principal } from '../auth/principal';
import { outcomeOf } from './audit-entry';

/**
 * Refusals before anyone is signed in — a failed login (401) and a request over the per-source budget (429) — are
 * counted per source and window instead of recorded one by one (issue 19, finding 5). Refusals of a signed-in user
 * (the write budget, the identity-read budget) keep a record each: they name who, and what was attempted.
 */
export function talliedStatus(principal: Principal | undefined, status: number): TalliedStatus | undefined {
  if (principal !== undefined) return undefined;
  return status === 401 || status === 429 ? status : undefined;
}

/**
 * The one record a closed window becomes: the refusals of its source and status that did not get a record of their
 * own (the first `singles` of each window do). None when all of them did. Every refusal is so in the log exactly
 * once: in a record of its own, or counted in its window's `attempts`.
 */
export function aggregateEntry(tally: FailedLoginTally, singles: number): AuditEntry | undefined {
  const attempts = tally.attempts - singles;
  if (attempts <= 0) return undefined;
  return {
    action: tally.status === 401 ? 'login-failed' : 'refused',
    userId: null,
    username: null,
    organisationId: null,
    role: null,
    onBehalfOf: null,
    trajectoryId: null,
    objectType: null,
    objectIds: [],
    purpose: null,
    outcome: outcomeOf(tally.status),
    httpStatus: tally.status,
    route: null,
    requestId: null,
    clientIp: tally.source,
    attempts,
    windowStart: tally.windowStart,
  };
}
