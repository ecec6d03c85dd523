import type { ArgumentMetadata } from '@nestjs/common';
import { ProblemError } from './problem';
import { ControlCharactersPipe } from './control-characters.pipe';

const body: ArgumentMetadata = { type: 'body' };
const query: ArgumentMetadata = { type: 'query' };

/** The field errors the pipe refuses `value` with, or [] when it lets it through unchanged. */
function refusals(value: unknown, metadata: ArgumentMetadata = body): unknown[] {
  const sut = new ControlCharactersPipe();
  try {
    expect(sut.transform(value, metadata)).toBe(value);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).code).toBe('validation-failed');
    return [...((error as ProblemError).errors ?? [])];
  }
}

const refused = (field: string, where: 'body' | 'query' = 'body') => ({
  in: where,
  field,
  code: 'control-character',
  detail: 'Remove the control character (such as NUL) from this field.',
});

describe('ControlCharactersPipe', () => {
  it.each([
    ['NUL', '\u0000'],
    ['SOH', '\u0001'],
    ['BEL', '\u0007'],
    ['backspace', '\b'],
    ['vertical tab', '\u000b'],
    ['form feed', '\u000c'],
    ['ESC', '\u001b'],
    ['unit separator', '\u001f'],
  ])('refuses %s in a text value, naming the field', (_name, character) => {
    expect(refusals({ outcome: { wishes: `Demo${character}tekst` } })).toEqual([refused('outcome.wishes')]);
  });

  it('lets free text keep tabs and line breaks, and leaves numbers, booleans and null alone', () => {
    expect(refusals({ wishes: 'Demo\tregel 1\r\nregel 2\n', count: 0, accepted: false, note: null })).toEqual([]);
  });

  it('refuses a control character in a key, naming the key as sent, without looking into its value', () => {
    expect(refusals({ outcome: { wishes: 'Demo', 'a\u0001': { b: '\u0000' } } })).toEqual([
      refused('outcome."a\\u0001"'),
    ]);
  });

  it('names every field that holds one, in arrays by index', () => {
    const sent = { observations: [{ observation: 'Demo' }, { observation: '\u0000' }], riskSignals: ['\u0002', 'ok'] };
    expect(refusals(sent)).toEqual([refused('observations[1].observation'), refused('riskSignals[0]')]);
  });

  it('refuses a body that is one bare string holding one, as the root', () => {
    expect(refusals('\u0000')).toEqual([refused('(root)')]);
  });

  it('checks the query too, and says so', () => {
    expect(refusals({ pseudonym: 'TRJ\u0000' }, query)).toEqual([refused('pseudonym', 'query')]);
  });

  it('leaves path parameters to their own pipes', () => {
    expect(refusals('\u0000', { type: 'param', data: 'id' })).toEqual([]);
  });
});
