import { EXIT_CHECKLIST_ITEMS, EXIT_CHECKLIST_LABELS, type ExitChecklist, validateClosure } from './exit-checklist';

const complete: ExitChecklist = {
  housing: { status: 'arranged' },
  income: { status: 'arranged' },
  'education-or-work': { status: 'not-arranged', reason: 'Waiting list for the training course until March' },
  'daytime-activities': { status: 'arranged' },
  'support-network': { status: 'not-needed' },
  'continuing-care': { status: 'arranged' },
};

describe('validateClosure', () => {
  it('lists the six items of DOMAIN.md in its order, with their labels', () => {
    expect(EXIT_CHECKLIST_ITEMS.map((item) => [item, EXIT_CHECKLIST_LABELS[item]])).toEqual([
      ['housing', 'Housing'],
      ['income', 'Income and finances (including debts)'],
      ['education-or-work', 'Education or work'],
      ['daytime-activities', 'Daytime activities and leisure'],
      ['support-network', 'Support network and relation with parents'],
      ['continuing-care', 'Continuing care or treatment'],
    ]);
  });

  it('accepts a complete checklist, not-arranged items included when they have a reason', () => {
    expect(validateClosure({ checklist: complete })).toEqual([]);
  });

  it('asks for the checklist or an override when neither is given', () => {
    const errors = validateClosure({});
    expect(errors.map((e) => e.path)).toEqual(['checklist']);
    expect(errors[0].message).toContain('exit checklist');
  });

  it('names every unanswered item', () => {
    const { housing, income, ...rest } = complete;
    expect(housing && income).toBeTruthy();
    expect(validateClosure({ checklist: rest }).map((e) => e.path)).toEqual(['checklist.housing', 'checklist.income']);
  });

  it('requires a reason for an item that is not arranged', () => {
    const checklist = { ...complete, housing: { status: 'not-arranged' as const, reason: '  ' } };
    expect(validateClosure({ checklist })).toEqual([
      { path: 'checklist.housing.reason', code: 'required', message: '"Housing" is not arranged: give the reason' },
    ]);
  });

  it('refuses an unknown status or item', () => {
    const checklist = {
      ...complete,
      income: { status: 'pending' },
      pets: { status: 'arranged' },
    } as unknown as ExitChecklist;
    expect(validateClosure({ checklist }).map((e) => e.path)).toEqual(['checklist.pets', 'checklist.income.status']);
  });

  it('allows closing with an override and a reason, without the checklist', () => {
    expect(validateClosure({ override: { reason: 'She moved abroad; contact ended' } })).toEqual([]);
  });

  it('requires the override reason', () => {
    expect(validateClosure({ override: { reason: '' } }).map((e) => e.path)).toEqual(['override.reason']);
  });

  it('with an override, still checks the answers that were given but not the missing ones', () => {
    const checklist: ExitChecklist = { housing: { status: 'not-arranged' } };
    expect(validateClosure({ checklist, override: { reason: 'Moved abroad' } }).map((e) => e.path)).toEqual([
      'checklist.housing.reason',
    ]);
  });
});
