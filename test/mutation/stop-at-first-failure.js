// The test environment of mutation runs only (stryker.jest.config.js): once a test has failed on a mutant, the rest of
// that mutant's tests are skipped. Stryker's jest runner cannot bail (jest has no programmatic bail, jest#11766), so a
// killed mutant otherwise still paid for every test covering it, and the property tests cover almost every line of the
// schedule. Skipping cannot change a result: a mutant is killed by its first failing test whatever runs after it.
// Stryker names the active mutant in this environment variable of the test process; the dry run has none and runs all.
const { TestEnvironment } = require('jest-environment-node');

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';
/** The mutant a test has already failed on, in this process; a new mutant starts with a clean slate. */
let killed;

class StopAtFirstFailure extends TestEnvironment {
  async handleTestEvent(event) {
    const mutant = process.env[ACTIVE_MUTANT];
    if (mutant === undefined) return;
    if (event.name === 'test_done' && event.test.errors.length > 0) killed = mutant;
    if (event.name === 'test_start' && killed === mutant) event.test.mode = 'skip';
  }
}

module.exports = StopAtFirstFailure;
