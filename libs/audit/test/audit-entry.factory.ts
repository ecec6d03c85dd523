import fc from 'fast-check';
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, AUDIT_OUTCOMES } from '@doorloop/contracts';
import type { AuditEntry } from '../src';

/** A synthetic entry: a coordinator reading a trajectory. */
export function auditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    action: 'read',
    userId: '00000000-0000-4000-8000-000000000001',
    username: 'coordinator',
    organisationId: '00000000-0000-4000-8000-000000000002',
    role: 'coordinator',
    onBehalfOf: null,
    trajectoryId: '00000000-0000-4000-8000-000000000003',
    objectType: 'trajectory',
    objectIds: ['00000000-0000-4000-8000-000000000003'],
    purpose: 'zorgcoordinatie',
    outcome: 'success',
    httpStatus: 200,
    route: 'GET /trajectories/{id}',
    requestId: '00000000-0000-4000-8000-000000000004',
    clientIp: '127.0.0.1',
    ...overrides,
  };
}

const uuid = fc.uuid().map((id) => id.toLowerCase());
const text = (max: number) => fc.string({ minLength: 1, maxLength: max, unit: 'grapheme' });

/** Any valid entry, including unicode text and empty object lists, and aggregates of refusals. */
export const auditEntryArbitrary: fc.Arbitrary<AuditEntry> = fc
  .tuple(
    fc.record({
      action: fc.constantFrom(...AUDIT_ACTIONS),
      userId: fc.option(uuid),
      username: fc.option(text(20)),
      organisationId: fc.option(uuid),
      role: fc.option(fc.constantFrom('coordinator', 'partner', 'director', 'admin', 'auditor')),
      onBehalfOf: fc.option(text(20)),
      trajectoryId: fc.option(uuid),
      objectType: fc.option(fc.constantFrom(...AUDIT_OBJECT_TYPES)),
      objectIds: fc.array(uuid, { maxLength: 4 }),
      purpose: fc.option(text(20)),
      outcome: fc.constantFrom(...AUDIT_OUTCOMES),
      httpStatus: fc.integer({ min: 100, max: 599 }),
      route: fc.option(text(40)),
      requestId: fc.option(uuid),
      clientIp: fc.option(fc.ipV4()),
    }),
    fc.option(
      fc.record({
        attempts: fc.integer({ min: 1, max: 2_147_483_647 }),
        windowStart: fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
      }),
      { nil: undefined },
    ),
  )
  .map(([entry, aggregate]) => ({ ...entry, ...aggregate }));
