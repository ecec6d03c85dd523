import { decodeCursor, encodeCursor, isMomentIdKey } from './cursor';

describe('cursors of pages ordered by a moment and an id', () => {
  const id = '6f1c2a9e-3b4d-4c5e-8f60-718293a4b5c6';

  it('accepts the key a page gave out', () => {
    const key = [new Date('2031-07-14T09:30:00.000Z').toISOString(), id];
    expect(decodeCursor(encodeCursor(key), isMomentIdKey)).toEqual(key);
  });

  it.each([
    ['an id of hex and hyphens that is no UUID', ['2031-07-14T09:30:00.000Z', '------------------------------------']],
    ['a date before the first year PostgreSQL keeps', ['-004714-01-01T00:00:00.000Z', id]],
    ['a date after 9999', ['+010000-01-01T00:00:00.000Z', id]],
    ['a date in another notation', ['Tue, 01 Jan 2030', id]],
    ['a date without milliseconds', ['2031-07-14T09:30:00Z', id]],
    ['three parts', ['2031-07-14T09:30:00.000Z', id, id]],
    ['a number for the moment', [1, id]],
  ])('refuses %s with a 400 naming the cursor', (_, key) => {
    let refusal: unknown;
    try {
      decodeCursor(encodeCursor(key), isMomentIdKey);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'validation-failed', errors: [{ field: 'cursor', code: 'unknown-cursor' }] });
  });
});
