// Stands in for fast-check in mutation runs only (stryker.jest.config.js maps the module here). A mutant reruns every
// test that covers it, and the property tests cover almost every line of the schedule: at their full number of cases a
// mutant took about 20 s. Here every property gets a share of its cases (STRYKER_PROPERTY_SHARE, default a quarter),
// at least 5. Fewer cases can only let a mutant survive that more cases would kill: the score measured is a lower bound.
// By path (jest maps the bare name to this file), to the CommonJS build the bare name gives a require.
const fc = require(require('node:path').resolve(__dirname, '../../node_modules/fast-check/lib/cjs/fast-check.js'));

const share = Number(process.env.STRYKER_PROPERTY_SHARE ?? 0.25);

function assert(property, parameters) {
  const full = parameters?.numRuns ?? fc.readConfigureGlobal().numRuns ?? 100;
  // endOnFailure: a counterexample already kills the mutant; shrinking it would only cost time.
  return fc.assert(property, { ...parameters, numRuns: Math.max(5, Math.ceil(full * share)), endOnFailure: true });
}

const withFewerRuns = { ...fc, assert };
module.exports = { ...withFewerRuns, default: withFewerRuns, __esModule: true };
