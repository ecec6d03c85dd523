import { ApplicationFailure } from '@temporalio/workflow';
import type { FieldError, TrajectoryFacts } from '@doorloop/domain';
import { accepted, refusal } from './refusal';

const birthDate: FieldError = { path: 'birthDate', code: 'invalid-date', message: 'Give the date as YYYY-MM-DD.' };
const startDate: FieldError = { path: 'placement.startDate', code: 'required', message: 'Give the start date.' };
const whole: FieldError = { path: '', code: 'invalid-value', message: 'The trajectory is closed.' };

describe('refusal', () => {
  it('is a non-retryable InvalidChange failure carrying the field errors as its details', () => {
    const failure = refusal([birthDate, startDate]);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.type).toBe('InvalidChange');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.details).toEqual([[birthDate, startDate]]);
  });

  it('names the fields once each, in the order given, and the change itself for an error without a path', () => {
    expect(refusal([birthDate]).message).toBe('The change was refused: birthDate is not valid');
    expect(refusal([birthDate, startDate, birthDate]).message).toBe(
      'The change was refused: birthDate, placement.startDate are not valid',
    );
    expect(refusal([whole]).message).toBe('The change was refused: change is not valid');
  });

  it('never puts a value into the readable message', () => {
    const withValue: FieldError = { path: 'pseudonym', code: 'invalid-format', message: 'JANSEN-PIETJE is not a code' };
    expect(refusal([withValue]).message).not.toContain('JANSEN');
  });
});

describe('accepted', () => {
  const facts = { pseudonym: 'TRJ-7F3K' } as unknown as TrajectoryFacts;

  it('gives the facts of an accepted change', () => {
    expect(accepted({ ok: true, facts })).toBe(facts);
  });

  it('throws the refusal of a refused change', () => {
    const refused = (): unknown => accepted({ ok: false, errors: [birthDate] });
    expect(refused).toThrow(ApplicationFailure);
    expect(refused).toThrow('The change was refused: birthDate is not valid');
  });
});
