import fc from 'fast-check';
import { DEFAULT_POLICY, type EpochMs } from '@doorloop/domain';
import {
  consolidationKey,
  consolidationOccurrence,
  escalationKey,
  extendTrackedDue,
  followUpsDue,
  nextFollowUpAt,
  openOrganisations,
} from './follow-up';
import type { TaskBook } from './task-records';

const DAY = 24 * 60 * 60 * 1000;
// A policy without a fire time of day: moments are exact, so the expectations below are plain arithmetic.
const policy = { ...DEFAULT_POLICY, fireTimeOfDay: undefined };
const T0: EpochMs = Date.UTC(2027, 0, 4, 9);

function bookWith(overrides: Partial<TaskBook> = {}): TaskBook {
  return {
    fired: new Set(['placement-evaluation:P-1:1', 'handover:1']),
    assignments: {
      'placement-evaluation:P-1:1': {
        organisations: ['org-care', 'org-police', 'org-school'],
        kind: 'placement-evaluation',
        firedAt: T0,
        dueAt: T0 + 14 * DAY,
      },
      'handover:1': {
        organisations: ['org-care', 'org-adult'],
        receiving: 'org-adult',
        kind: 'handover',
        firedAt: T0,
        dueAt: T0 + 20 * DAY,
      },
    },
    completed: [],
    acknowledged: [],
    ...overrides,
  };
}

describe('openOrganisations', () => {
  it('leaves out completed organisations and a receiver that answered', () => {
    const book = bookWith({
      completed: [{ occurrenceKey: 'placement-evaluation:P-1:1', organisationId: 'org-police', at: T0 }],
      acknowledged: [{ occurrenceKey: 'handover:1', organisationId: 'org-adult', accepted: false, at: T0 }],
    });
    expect(openOrganisations(book, 'placement-evaluation:P-1:1')).toEqual(['org-care', 'org-school']);
    expect(openOrganisations(book, 'handover:1')).toEqual(['org-care']);
    expect(openOrganisations(book, 'unknown:1')).toEqual([]);
  });
});

describe('followUpsDue', () => {
  it('reminds three days before due, and at due says overdue and consolidates with the missing inputs', () => {
    const book = bookWith({
      completed: [{ occurrenceKey: 'placement-evaluation:P-1:1', organisationId: 'org-care', at: T0 }],
    });
    expect(followUpsDue(book, new Set(), policy, T0 + 10 * DAY, false)).toEqual({
      escalations: [],
      consolidations: [],
    });
    expect(followUpsDue(book, new Set(), policy, T0 + 11 * DAY, false).escalations).toEqual([
      { occurrenceKey: 'placement-evaluation:P-1:1', stage: 'reminder' },
    ]);
    const atDue = followUpsDue(book, new Set(['placement-evaluation:P-1:1#reminder']), policy, T0 + 14 * DAY, false);
    expect(atDue.escalations).toEqual([{ occurrenceKey: 'placement-evaluation:P-1:1', stage: 'overdue' }]);
    expect(atDue.consolidations).toEqual([
      { evaluationKey: 'placement-evaluation:P-1:1', missingOrganisationIds: ['org-police', 'org-school'] },
    ]);
  });

  it('consolidates as soon as every input is in, before the due date, and then never again', () => {
    const all = ['org-care', 'org-police', 'org-school'].map((organisationId) => ({
      occurrenceKey: 'placement-evaluation:P-1:1',
      organisationId,
      at: T0,
    }));
    const book = bookWith({ completed: all });
    expect(followUpsDue(book, new Set(), policy, T0 + DAY, false)).toEqual({
      escalations: [],
      consolidations: [{ evaluationKey: 'placement-evaluation:P-1:1', missingOrganisationIds: [] }],
    });
    const after = bookWith({
      completed: all,
      fired: new Set([...book.fired, consolidationKey('placement-evaluation:P-1:1')]),
    });
    expect(followUpsDue(after, new Set(), policy, T0 + 30 * DAY, false).consolidations).toEqual([]);
  });

  it('skips a reminder that only comes due once the task is overdue', () => {
    const due = followUpsDue(bookWith(), new Set(), policy, T0 + 21 * DAY, false).escalations;
    expect(due).toContainEqual({ occurrenceKey: 'handover:1', stage: 'overdue' });
    expect(due).not.toContainEqual({ occurrenceKey: 'handover:1', stage: 'reminder' });
  });

  it('holds every time-driven follow-up during a pause, but consolidates when the inputs are in', () => {
    expect(followUpsDue(bookWith(), new Set(), policy, T0 + 30 * DAY, true)).toEqual({
      escalations: [],
      consolidations: [],
    });
    expect(nextFollowUpAt(bookWith(), new Set(), policy, T0, true)).toBeUndefined();
  });

  it('ignores occurrences recorded without kind and due (runs from before follow-ups)', () => {
    const book = bookWith({ assignments: { 'handover:1': { organisations: ['org-care'] } } });
    expect(followUpsDue(book, new Set(), policy, T0 + 100 * DAY, false)).toEqual({
      escalations: [],
      consolidations: [],
    });
    expect(nextFollowUpAt(book, new Set(), policy, T0, false)).toBeUndefined();
  });
});

describe('nextFollowUpAt', () => {
  it('is the earliest pending reminder or due moment', () => {
    expect(nextFollowUpAt(bookWith(), new Set(), policy, T0, false)).toBe(T0 + 11 * DAY);
    const reminded = new Set(['placement-evaluation:P-1:1#reminder']);
    expect(nextFollowUpAt(bookWith(), reminded, policy, T0 + 11 * DAY, false)).toBe(T0 + 14 * DAY);
  });
});

describe('extendTrackedDue', () => {
  it('moves the due of occurrences with open tasks by the pause, and leaves finished ones', () => {
    const book = bookWith({
      completed: [{ occurrenceKey: 'handover:1', organisationId: 'org-care', at: T0 }],
      acknowledged: [{ occurrenceKey: 'handover:1', organisationId: 'org-adult', accepted: true, at: T0 }],
    });
    const moved = extendTrackedDue(book, { from: T0 + DAY, to: T0 + 4 * DAY }, policy);
    expect(moved['placement-evaluation:P-1:1'].dueAt).toBe(T0 + 17 * DAY);
    expect(moved['handover:1'].dueAt).toBe(T0 + 20 * DAY);
  });
});

describe('consolidationOccurrence', () => {
  it('is the coordinator’s task, numbered like the evaluation, due one evaluation due period after it fires', () => {
    const occurrence = consolidationOccurrence(
      { evaluationKey: 'placement-evaluation:P-1:3', missingOrganisationIds: ['org-school'] },
      'org-coordinator',
      policy,
      T0,
    );
    expect(occurrence).toEqual({
      key: 'placement-evaluation:P-1:3/consolidation',
      kind: 'evaluation-consolidation',
      occurrence: 3,
      fireAt: T0,
      dueAt: T0 + 14 * DAY,
      late: false,
      assignees: [{ organisationId: 'org-coordinator', role: 'coordinator' }],
      context: { evaluationKey: 'placement-evaluation:P-1:3', missingOrganisationIds: ['org-school'] },
    });
  });
});

describe('follow-up properties', () => {
  it('walking the clock forward sends each stage at most once, and nothing for a finished occurrence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 * DAY }), { minLength: 1, maxLength: 30 }),
        fc.subarray(['org-care', 'org-police', 'org-school']),
        (offsets, done) => {
          const book = bookWith({
            completed: done.map((organisationId) => ({
              occurrenceKey: 'placement-evaluation:P-1:1',
              organisationId,
              at: T0,
            })),
          });
          const escalated = new Set<string>();
          const sent: string[] = [];
          for (const offset of [...offsets].sort((a, b) => a - b)) {
            for (const escalation of followUpsDue(book, escalated, policy, T0 + offset, false).escalations) {
              sent.push(escalationKey(escalation));
              escalated.add(escalationKey(escalation));
            }
          }
          expect(new Set(sent).size).toBe(sent.length);
          if (done.length === 3) expect(sent.filter((key) => key.startsWith('placement-evaluation'))).toEqual([]);
        },
      ),
    );
  });
});
