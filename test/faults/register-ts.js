// Lets a child process run the TypeScript sources as they are (no build step): `node -r ./test/faults/register-ts.js
// apps/worker/src/main.ts`. The fault tests need the worker in a process of its own, to SIGKILL it; the integration
// tests do not build dist/. Same swc settings as jest.config.js, and the @doorloop/* aliases of tsconfig.json.
const { transformSync } = require('@swc/core');
const { join } = require('node:path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.json');

register({ baseUrl: join(__dirname, '..', '..'), paths: compilerOptions.paths });

require.extensions['.ts'] = (module, filename) => {
  const source = require('node:fs').readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs', ignoreDynamic: true },
  });
  module._compile(code, filename);
};
