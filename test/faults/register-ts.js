// Lets a child process run the TypeScript sources as they are (no build step): `node -r ./test/faults/register-ts.js
// apps/worker/src/main.ts`. The fault tests need the worker in a process of its own, to SIGKILL it; the integration
// tests do not build dist/. The swc settings of jest.config.js (test/swc-options.js), the @doorloop/* aliases of
// tsconfig.json.
const { transformSync } = require('@swc/core');
const { join } = require('node:path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.json');
const { typescriptSwcOptions } = require('../swc-options');

register({ baseUrl: join(__dirname, '..', '..'), paths: compilerOptions.paths });

require.extensions['.ts'] = (module, filename) => {
  const source = require('node:fs').readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...typescriptSwcOptions, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
