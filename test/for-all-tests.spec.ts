import { forAllTests } from './for-all-tests';

describe('forAllTests', () => {
  const log: string[] = [];
  let makings = 0;

  describe('a block sharing what it made', () => {
    const shared = forAllTests((onTeardown) => {
      makings++;
      log.push('made first');
      onTeardown(() => Promise.resolve(log.push('took down first')));
      log.push('made second');
      onTeardown(() => Promise.resolve(log.push('took down second')));
      return Promise.resolve({ made: makings });
    });
    // Read while jest collects the tests, before any hook has run.
    let readTooEarly: unknown;
    try {
      shared();
    } catch (error) {
      readTooEarly = error;
    }

    it('refuses to be read before it is made', () => {
      expect(readTooEarly).toEqual(new Error('forAllTests: read before its beforeAll made it, or making it failed'));
    });

    it('gives every test of the block the same thing, made once', () => {
      expect(shared()).toEqual({ made: 1 });
      expect(shared()).toBe(shared());
      expect(makings).toBe(1);
      expect(log).toEqual(['made first', 'made second']);
    });
  });

  it('takes down what it made after the block, the last made first', () => {
    expect(log).toEqual(['made first', 'made second', 'took down second', 'took down first']);
  });
});
