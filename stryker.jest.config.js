// The jest configuration Stryker runs (stryker.config.mjs): the unit project of jest.config.js, limited to the tests of
// the code it mutates. Stryker wraps a single project's test environment to learn which test covers which mutant
// (coverageAnalysis perTest); it cannot do that inside `projects`. Loaded in Stryker's sandbox, so rootDir is the
// sandbox and the tests see the mutated sources.
const { join } = require('node:path');
const { testTimeout, projects } = require('./jest.config');

const unit = projects.find((project) => project.displayName === 'unit');

module.exports = {
  ...unit,
  testTimeout,
  testMatch: ['<rootDir>/libs/domain/src/**/*.spec.ts', '<rootDir>/workflows/src/**/*.spec.ts'],
  moduleNameMapper: { ...unit.moduleNameMapper, '^fast-check$': '<rootDir>/test/mutation/fast-check-quarter-runs.js' },
  // By absolute path: Stryker loads the environment itself, without resolving <rootDir>.
  testEnvironment: join(__dirname, 'test/mutation/stop-at-first-failure.js'),
};
