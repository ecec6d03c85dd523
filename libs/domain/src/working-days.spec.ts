import { addDays } from '../test/calendar-oracle';
import fc from 'fast-check';
import { addWorkingDays } from './calendar';

// Holidays written by hand for these cases, so the arithmetic is tested apart from any holiday library.
const HOLIDAYS = new Set(['2027-03-29', '2027-04-27', '2026-12-25', '2026-12-26', '2026-01-01']);
const isHoliday = (date: string): boolean => HOLIDAYS.has(date);

describe('addWorkingDays with public holidays', () => {
  it.each([
    ['2027-04-26', 1, '2027-04-28'], // Monday before Koningsdag (Tuesday) → Wednesday
    ['2027-03-26', 1, '2027-03-30'], // Friday before Easter Monday → Tuesday
    ['2026-12-24', 1, '2026-12-28'], // Christmas Eve (Thursday) → Monday: Christmas Friday, Boxing Day Saturday
    ['2025-12-29', 5, '2026-01-06'], // over New Year's Day (Thursday)
    ['2027-04-27', 5, '2027-05-04'], // counting from a holiday is counting from the day before it
  ])('%s + %i working days is %s', (date, days, expected) => {
    expect(addWorkingDays(date, days, isHoliday)).toBe(expected);
  });

  it('without holidays counts every weekday, as the trajectory schedule always has', () => {
    expect(addWorkingDays('2027-04-26', 1)).toBe('2027-04-27');
  });

  it('skips exactly the weekends and holidays, by an independent day-by-day count', () => {
    const oracle = (date: string, days: number): string => {
      let current = date;
      for (let left = days; left > 0;) {
        current = addDays(current, 1);
        const weekday = new Date(`${current}T12:00:00Z`).getUTCDay();
        if (weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(current)) left -= 1;
      }
      return current;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 30 }), (offset, days) => {
        const date = addDays('2025-11-01', offset);
        expect(addWorkingDays(date, days, isHoliday)).toBe(oracle(date, days));
      }),
    );
  });
});
