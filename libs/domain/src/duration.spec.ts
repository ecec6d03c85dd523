import {
  approximateMs,
  durationSign,
  formatDuration,
  isDateGranular,
  isIsoDuration,
  multiplyDuration,
  parseDuration,
} from './duration';

describe('parseDuration', () => {
  it.each([
    ['P6M', { sign: 1, months: 6 }],
    ['-P18M', { sign: -1, months: 18 }],
    ['P14D', { sign: 1, days: 14 }],
    ['P6W', { sign: 1, weeks: 6 }],
    ['P16Y', { sign: 1, years: 16 }],
    ['-P6W', { sign: -1, weeks: 6 }],
    ['PT2S', { sign: 1, milliseconds: 2000 }],
    ['PT0.5S', { sign: 1, milliseconds: 500 }],
    ['PT1,25S', { sign: 1, milliseconds: 1250 }],
    ['P1Y2M3W4DT5H6M7.008S', { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, milliseconds: 7008 }],
    ['P0D', { sign: 1, days: 0 }],
  ])('reads %s', (text, expected) => {
    expect(parseDuration(text)).toMatchObject(expected);
  });

  it.each(['', 'P', '-P', 'PT', 'P1DT', '6M', 'p6m', 'P-6M', '--P6M', 'P1.5M', 'P1S', 'PT1.0001S', 'P6M ', 'P1M1Y'])(
    'rejects %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
      expect(isIsoDuration(text)).toBe(false);
    },
  );

  it('rejects what is not a string', () => {
    expect(isIsoDuration(6)).toBe(false);
    expect(isIsoDuration(undefined)).toBe(false);
  });
});

describe('formatDuration', () => {
  it.each(['P6M', '-P18M', 'P14D', 'P6W', 'P16Y', 'PT2S', 'PT0.5S', 'P1Y2M3W4DT5H6M7.008S', '-PT0.25S', 'P0D'])(
    'writes %s back as it was read',
    (text) => {
      const parsed = parseDuration(text);
      expect(parsed && formatDuration(parsed)).toBe(text);
    },
  );

  it('writes a negative zero without its sign', () => {
    const parsed = parseDuration('-P0D');
    expect(parsed && formatDuration(parsed)).toBe('P0D');
  });
});

describe('duration helpers', () => {
  const read = (text: string) => {
    const parsed = parseDuration(text);
    if (!parsed) throw new Error(text);
    return parsed;
  };

  it('multiplies part by part and keeps the sign', () => {
    expect(formatDuration(multiplyDuration(read('P3M'), 4))).toBe('P12M');
    expect(formatDuration(multiplyDuration(read('-P1M2D'), 3))).toBe('-P3M6D');
    expect(formatDuration(multiplyDuration(read('PT2.5S'), 3))).toBe('PT7.5S');
  });

  it('tells date-granular durations from those with a time part', () => {
    expect(isDateGranular(read('P1Y2M3W4D'))).toBe(true);
    expect(isDateGranular(read('P1DT1H'))).toBe(false);
    expect(isDateGranular(read('PT2S'))).toBe(false);
  });

  it('gives the sign of a duration, zero for a zero one', () => {
    expect(durationSign(read('P3M'))).toBe(1);
    expect(durationSign(read('-P3M'))).toBe(-1);
    expect(durationSign(read('-P0D'))).toBe(0);
  });

  it('compares roughly: a year is twelve months, and a month lies between 28 and 31 days', () => {
    expect(approximateMs(read('P1Y'))).toBeCloseTo(approximateMs(read('P12M')));
    expect(approximateMs(read('P1M'))).toBeGreaterThan(approximateMs(read('P28D')));
    expect(approximateMs(read('P1M'))).toBeLessThan(approximateMs(read('P31D')));
    expect(approximateMs(read('-PT2S'))).toBe(-2000);
  });
});
