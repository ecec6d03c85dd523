import { auditEntrySchema } from '@doorloop/audit';
import type { Principal } from '../auth/principal';
import { aggregateEntry, talliedStatus } from './refusal-tally';

const windowStart = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));
const principal = { userId: '00000000-0000-4000-8000-000000000001' } as Principal;

describe('talliedStatus', () => {
  it('counts only refusals before sign-in: 401, and 429 without a user', () => {
    expect([401, 429, 403, 404, 400, 200].map((status) => talliedStatus(undefined, status))).toEqual([
      401,
      429,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // A signed-in user's 429 (writes, identity reads) names who and what: it keeps a record of its own.
    expect(talliedStatus(principal, 429)).toBeUndefined();
  });
});

describe('aggregateEntry', () => {
  it('makes one record of a window of failed logins: the source, the window and how many', () => {
    const entry = aggregateEntry({ source: '192.0.2.7', windowStart, status: 401, attempts: 300 }, 0);
    const named = {
      action: 'login-failed',
      outcome: 'refused',
      httpStatus: 401,
      clientIp: '192.0.2.7',
      attempts: 300,
      windowStart,
      objectIds: [],
    };
    expect(entry).toMatchObject(named);
    // Nobody, no route, no request: every other field is empty.
    const rest = Object.entries(entry ?? {}).filter(([field]) => !(field in named));
    expect(rest.map(([field]) => field).sort()).toEqual(
      [
        'onBehalfOf',
        'objectType',
        'organisationId',
        'purpose',
        'requestId',
        'role',
        'route',
        'trajectoryId',
        'userId',
        'username',
      ].sort(),
    );
    expect(rest.every(([, value]) => value === null)).toBe(true);
    expect(auditEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('records a window of 429s as refusals', () => {
    expect(aggregateEntry({ source: '192.0.2.7', windowStart, status: 429, attempts: 5 }, 0)).toMatchObject({
      action: 'refused',
      outcome: 'refused',
      httpStatus: 429,
      attempts: 5,
    });
  });

  it('counts only what had no record of its own, and makes none when every one had', () => {
    const tally = { source: '192.0.2.7', windowStart, status: 401, attempts: 12 } as const;
    expect(aggregateEntry(tally, 10)?.attempts).toBe(2);
    expect(aggregateEntry(tally, 12)).toBeUndefined();
    expect(aggregateEntry(tally, 1000)).toBeUndefined();
  });
});
