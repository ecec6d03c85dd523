import {
  isRepeatSignal,
  normaliseBsn,
  normaliseName,
  normaliseSignalSubject,
  signalDestructionDate,
  signalLedToNothing,
} from './signal';

const TODAY = '2026-12-05';

describe('normaliseSignalSubject', () => {
  it.each([
    ['123456782', 'bsn:123456782'],
    ['1234.56.782', 'bsn:123456782'],
    [' 123 456 782 ', 'bsn:123456782'],
    ['12345678-2', 'bsn:123456782'],
    ['12345672', 'bsn:012345672'], // an eight-digit BSN has a leading zero
  ])('reads the BSN %j as %s', (bsn, expected) => {
    expect(normaliseSignalSubject({ bsn }, TODAY)).toEqual({ subject: expected, errors: [] });
  });

  it.each(['123456781', '12345678', '1234567890', 'abcdefghi', '000000000', ''])(
    'refuses %j, which fails the 11-proof or is not nine digits',
    (bsn) => {
      expect(normaliseSignalSubject({ bsn }, TODAY).errors).toEqual([
        expect.objectContaining({ path: 'subject.bsn', code: 'invalid-bsn' }),
      ]);
    },
  );

  it('gives one text for one person however the name is typed', () => {
    const typed = ['Ésther  de Vries', 'esther de vries', ' ESTHER DE-VRIES ', 'Esther de Vries.'];
    const texts = typed.map((name) => normaliseSignalSubject({ name, birthDate: '2010-03-01' }, TODAY));
    expect(texts.map((t) => ('subject' in t ? t.subject : t.errors))).toEqual(
      typed.map(() => 'name:esther de vries|2010-03-01'),
    );
  });

  it('tells a BSN from a name with the same digits: the kind is part of the text', () => {
    expect(normaliseSignalSubject({ name: '123456782', birthDate: '2010-03-01' }, TODAY)).toEqual({
      subject: 'name:123456782|2010-03-01',
      errors: [],
    });
  });

  it('names every missing or wrong field', () => {
    const codes = (subject: Record<string, unknown>): string[] =>
      normaliseSignalSubject(subject, TODAY).errors.map((e) => `${e.path} ${e.code}`);
    expect(codes({})).toEqual(['subject.name required', 'subject.birthDate required']);
    expect(codes({ name: 'X Y', birthDate: '2026-12-06' })).toEqual(['subject.birthDate in-future']);
    expect(codes({ name: 'X Y', birthDate: '2010-02-30' })).toEqual(['subject.birthDate invalid-date']);
    expect(codes({ name: 'X Y', birthDate: '1996-12-05' })).toEqual(['subject.birthDate too-old']);
    expect(codes({ name: 'X Y', birthDate: '1996-12-06' })).toEqual([]);
    expect(codes({ name: '!!', birthDate: '2010-01-01' })).toEqual(['subject.name too-short']);
    expect(codes({ name: 'x'.repeat(201), birthDate: '2010-01-01' })).toEqual(['subject.name too-long']);
    expect(codes({ bsn: '123456782', name: 'X Y' })).toEqual(['subject.bsn invalid-value']);
    expect(codes({ bsn: 123456782 })).toEqual(['subject.bsn invalid-type']);
  });

  it('normalises BSN and name on their own', () => {
    expect(normaliseBsn('1234.5678.2')).toBe('123456782');
    expect(normaliseName("  Zoë  O'Neil ")).toBe('zoe o neil');
  });
});

describe('repeat signals and destruction', () => {
  it.each([
    ['2025-12-06', '2027-12-05', true], // one day short of two years
    ['2025-12-05', '2027-12-05', false], // exactly two years: outside
    ['2026-12-05', '2026-12-05', true], // the same day
    ['2026-12-06', '2026-12-05', false], // a later signal is not an earlier one
    ['2024-02-29', '2026-02-28', true], // from 29 February the two years end on 1 March
    ['2024-02-29', '2026-03-01', false],
  ])('a signal on %s is repeated by one on %s: %s', (earlier, later, expected) => {
    expect(isRepeatSignal(earlier, later)).toBe(expected);
  });

  it('destroys a signal that led to nothing two years after it came', () => {
    expect(signalDestructionDate('2026-12-05')).toBe('2028-12-05');
    expect(signalDestructionDate('2024-02-29')).toBe('2026-03-01');
    expect(signalLedToNothing(undefined)).toBe(true);
    expect(signalLedToNothing('no-action')).toBe(true);
    expect(signalLedToNothing('advice')).toBe(true);
    expect(signalLedToNothing('veilig-thuis-report')).toBe(true);
    expect(signalLedToNothing('start-trajectory')).toBe(false);
  });
});
