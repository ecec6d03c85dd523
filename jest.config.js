// Three projects: `unit` needs no servers; `integration` gets a real PostgreSQL and a real Temporal dev server from
// test/global-setup.ts (or the ones named by DATABASE_URL / TEMPORAL_ADDRESS); `medium` tests services against a real
// PostgreSQL only (test/medium/global-setup.ts), Temporal stubbed at its port. Medium comes after integration, so that
// in one `npm test` it reuses the integration tier's PostgreSQL instead of starting another.
const { typescriptSwcOptions } = require('./test/swc-options');

const swc = ['@swc/jest', typescriptSwcOptions];
// jose is ESM-only; jest's module system cannot require ESM, so its files are compiled to CommonJS like ours.
const swcForEsmDependencies = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];
const moduleNameMapper = {
  '^@doorloop/(audit|config|contracts|crypto|domain|persistence|temporal)$': '<rootDir>/libs/$1/src',
  '^@doorloop/workflows$': '<rootDir>/workflows/src',
};
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '/node_modules/jose/.+\\.js$': swcForEsmDependencies },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper,
  rootDir: __dirname,
};

module.exports = {
  // testTimeout is a global option: jest ignores it inside a project. Integration tests wait on real servers and timers.
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      // DOORLOOP_FAKE_TODAY moves the clock to another day (npm run test:unit:shifted).
      setupFiles: ['<rootDir>/test/shifted-clock.ts'],
      testMatch: ['<rootDir>/{apps,libs,workflows,scripts,test}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'medium',
      testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts', '<rootDir>/{apps,libs}/**/*.service.medium-spec.ts'],
      setupFiles: ['<rootDir>/test/medium/quiet-logs.ts'],
      globalSetup: '<rootDir>/test/medium/global-setup.ts',
      globalTeardown: '<rootDir>/test/medium/global-teardown.ts',
    },
  ],
};
