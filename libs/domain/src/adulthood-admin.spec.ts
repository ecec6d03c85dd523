import { ADULTHOOD_ADMIN_ITEMS, ADULTHOOD_ADMIN_LABELS, validateAdulthoodAdmin } from './adulthood-admin';
import { addWorkingDays } from './calendar';

describe('validateAdulthoodAdmin', () => {
  const complete = {
    'health-insurance': { status: 'arranged' as const },
    income: { status: 'not-arranged' as const, reason: 'Application for benefit is pending' },
    'id-and-digid': { status: 'arranged' as const },
    'bank-account': { status: 'arranged' as const },
    'address-registration': { status: 'not-needed' as const },
    'mentorship-or-administration': { status: 'not-needed' as const },
  };

  it('lists the six items of DOMAIN.md, in its order', () => {
    const words = ADULTHOOD_ADMIN_ITEMS.map((item) => ADULTHOOD_ADMIN_LABELS[item].split(' ')[0]);
    expect(words.join(' ')).toBe('Health Income ID Bank Address Mentorschap');
  });

  it('accepts every item answered, and names an unanswered item or a not-arranged one without reason', () => {
    expect(validateAdulthoodAdmin(complete)).toEqual([]);
    const { income, ...withoutIncome } = complete;
    expect(income).toBeDefined();
    const errors = validateAdulthoodAdmin({ ...withoutIncome, 'bank-account': { status: 'not-arranged' } });
    expect(errors.map((e) => `${e.path} ${e.code}`)).toEqual([
      'checklist.income required',
      'checklist.bank-account.reason required',
    ]);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-11-23', 5, '2026-11-30'], // Monday → next Monday
    ['2026-11-27', 5, '2026-12-04'], // Friday → next Friday
    ['2026-11-28', 5, '2026-12-04'], // Saturday → Friday after
    ['2026-11-29', 1, '2026-11-30'], // Sunday → Monday
    ['2026-12-31', 2, '2027-01-04'], // over New Year and a weekend (holidays are not known)
  ])('%s + %i working days is %s', (date, days, expected) => {
    expect(addWorkingDays(date, days)).toBe(expected);
  });
});
