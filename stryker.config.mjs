// Mutation testing of the pure core: `npm run test:mutation` (docs/testing.md, "Mutation testing").
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'stryker.jest.config.js', enableFindRelatedTests: false },
  // Not the workflow functions (*.workflow.ts): they run only inside Temporal's workflow sandbox, a webpack bundle on a
  // real server, where Stryker cannot switch a mutant on; their decisions live in the modules mutated here, and the
  // integration tier covers the calls between them (docs/testing.md, "Mutation testing").
  mutate: ['libs/domain/src/**/*.ts', 'workflows/src/**/*.ts', '!**/*.spec.ts', '!**/index.ts', '!**/*.workflow.ts'],
  coverageAnalysis: 'perTest',
  // A static mutant (in a module-level table or constant) cannot be traced to the tests that cover it: each one reruns
  // every test, and together they took 83 % of a run (estimated at over seven hours on 2 cores). Ignored by default and
  // reported as such; STRYKER_IGNORE_STATIC=false runs them too.
  ignoreStatic: process.env.STRYKER_IGNORE_STATIC !== 'false',
  // Two cores, shared: one test process leaves the other to the rest of the machine. STRYKER_CONCURRENCY raises it.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  // A mutant times out (and counts as detected) when its tests take 1.5 × their normal time plus this. Many mutants of the
  // series loops never end; at 60 s each they made a run crawl (about 5 mutants a minute), and 10 s on top of the
  // covering tests' own time still tells a slow mutant from an endless one.
  timeoutMS: 10000,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  ignorePatterns: ['dist', '.data', 'coverage', 'test-artifacts', 'reports', 'apps/web'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
