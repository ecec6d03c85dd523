import { addWorkingDays } from '@doorloop/domain';
import { isDutchPublicHoliday } from './dutch-public-holidays';

// Expected dates by hand, from the Dutch calendar: the library under test supplies the holidays, not the answers.
describe('isDutchPublicHoliday (date-holidays)', () => {
  it.each([
    ['2026-04-27', true], // Koningsdag, Monday
    ['2025-04-26', true], // Koningsdag on Saturday: the 27th was a Sunday
    ['2025-04-27', false],
    ['2027-03-29', true], // Easter Monday
    ['2027-03-26', false], // Good Friday is not a public holiday
    ['2026-12-25', true],
    ['2026-12-26', true],
    ['2027-05-05', false], // Liberation Day: a free day only in some agreements
    ['2027-05-06', true], // Ascension Day
    ['2027-05-17', true], // Whit Monday
    ['2027-01-01', true],
    ['2027-06-01', false],
  ])('%s is a public holiday: %s', (date, expected) => {
    expect(isDutchPublicHoliday(date)).toBe(expected);
  });

  it.each([
    ['2026-04-24', 5, '2026-05-04'], // Friday before Koningsdag (Monday 27 April)
    ['2027-04-26', 1, '2027-04-28'], // Koningsdag on a Tuesday
    ['2027-03-26', 1, '2027-03-30'], // over Easter Monday
    ['2026-12-24', 5, '2027-01-04'], // over Christmas (Friday), Boxing Day (Saturday) and New Year (Friday)
    ['2025-12-24', 5, '2026-01-05'], // over Christmas, Boxing Day and New Year
  ])('triage of a signal on %s, %i working days, is due %s', (date, days, expected) => {
    expect(addWorkingDays(date, days, isDutchPublicHoliday)).toBe(expected);
  });
});
