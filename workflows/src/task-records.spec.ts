import { checkAcknowledgement, checkCompletion, type TaskBook } from './task-records';

const book: TaskBook = {
  fired: new Set(['future-plan:1', 'handover:1', 'transition-review:1']),
  assignments: {
    'future-plan:1': { organisations: ['org-care', 'org-coordinator'] },
    'handover:1': { organisations: ['org-care', 'org-adult'], receiving: 'org-adult' },
    // transition-review:1 fired in a run that did not record assignments: any organisation is accepted.
  },
  completed: [{ occurrenceKey: 'future-plan:1', organisationId: 'org-care', at: 1 }],
  acknowledged: [{ occurrenceKey: 'handover:1', organisationId: 'org-adult', accepted: false, at: 2 }],
};

const pathsOf = (outcome: ReturnType<typeof checkCompletion>) => (outcome.ok ? [] : outcome.errors.map((e) => e.path));

describe('checkCompletion', () => {
  it('accepts a fired task of an assigned organisation, and a repeat as a repeat', () => {
    expect(checkCompletion(book, { occurrenceKey: 'future-plan:1', organisationId: 'org-coordinator' })).toEqual({
      ok: true,
      repeat: false,
    });
    expect(checkCompletion(book, { occurrenceKey: 'future-plan:1', organisationId: 'org-care' })).toEqual({
      ok: true,
      repeat: true,
    });
    expect(checkCompletion(book, { occurrenceKey: 'transition-review:1', organisationId: 'org-any' }).ok).toBe(true);
  });

  it('refuses an occurrence that has not fired, an organisation without the task, and missing fields', () => {
    expect(pathsOf(checkCompletion(book, { occurrenceKey: 'handover:2', organisationId: 'org-care' }))).toEqual([
      'occurrenceKey',
    ]);
    expect(pathsOf(checkCompletion(book, { occurrenceKey: 'future-plan:1', organisationId: 'org-police' }))).toEqual([
      'organisationId',
    ]);
    expect(pathsOf(checkCompletion(book, { occurrenceKey: '', organisationId: '' }))).toEqual([
      'occurrenceKey',
      'organisationId',
    ]);
  });
});

describe('checkAcknowledgement', () => {
  it('accepts the receiving organisation once per answer', () => {
    expect(
      checkAcknowledgement(book, { occurrenceKey: 'handover:1', organisationId: 'org-adult', accepted: false }),
    ).toEqual({ ok: true, repeat: true });
    expect(
      checkAcknowledgement(
        { ...book, acknowledged: [] },
        { occurrenceKey: 'handover:1', organisationId: 'org-adult', accepted: true },
      ),
    ).toEqual({ ok: true, repeat: false });
  });

  it('refuses another kind, the sending side, a changed answer and a missing answer', () => {
    const ack = (occurrenceKey: string, organisationId: string, accepted: unknown) =>
      pathsOf(checkAcknowledgement(book, { occurrenceKey, organisationId, accepted: accepted as boolean }));
    expect(ack('future-plan:1', 'org-care', true)).toEqual(['occurrenceKey']);
    expect(ack('handover:1', 'org-care', true)).toEqual(['organisationId']);
    expect(ack('handover:1', 'org-adult', true)).toEqual(['accepted']);
    expect(ack('handover:1', 'org-adult', 'yes')).toEqual(['accepted']);
  });
});
