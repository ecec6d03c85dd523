// How swc compiles our TypeScript wherever it runs without a build: in jest (jest.config.js) and in the fault tests'
// child processes (test/faults/register-ts.js). Nest needs the legacy decorators and their design-time metadata (its
// injection reads the constructor's parameter types); class names are kept, as Nest names providers and loggers by them.
// Dynamic import() stays a real import, so that the ESM-only packages it loads are not turned into require().
const typescriptSwcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs', ignoreDynamic: true },
};

module.exports = { typescriptSwcOptions };
