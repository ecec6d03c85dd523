import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'net',
  'http',
  'https',
  'worker_threads',
  'process',
];

/** Forbids Node's built-ins (unless `allowNode`) and the given package patterns in the files of a layer. */
function restrictImports(patterns, { allowNode = false } = {}) {
  const paths = allowNode ? [] : nodeBuiltins.flatMap((name) => [name, `node:${name}`]);
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'test-artifacts/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The web app's build config is the one file outside every tsconfig's `include`: it gets the node one.
        projectService: {
          allowDefaultProject: ['apps/web/vite.config.mts'],
          defaultProject: 'apps/web/tsconfig.node.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no Nest, no database.
    files: ['workflows/**/*.ts'],
    rules: restrictImports([
      '@nestjs/*',
      'typeorm',
      'pg',
      '@doorloop/persistence',
      '@doorloop/temporal',
      '@doorloop/config',
      '**/libs/persistence/**',
    ]),
  },
  {
    // The domain is pure: no I/O and no framework.
    files: ['libs/domain/**/*.ts'],
    rules: restrictImports(['@nestjs/*', 'typeorm', 'pg', '@temporalio/*', '@doorloop/*']),
  },
  {
    // The shapes the api and the browser share: pure like the domain, plus zod; the web bundles them.
    files: ['libs/contracts/**/*.ts'],
    rules: restrictImports(['@nestjs/*', 'typeorm', 'pg', '@temporalio/*', '@doorloop/!(domain)']),
  },
  {
    // The browser app: React's rules of hooks; it reaches the server only over HTTP, never through server code.
    ...reactHooks.configs.flat.recommended,
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      ...restrictImports([
        '@nestjs/*',
        'typeorm',
        'pg',
        '@temporalio/*',
        '@doorloop/!(domain|contracts)',
        '**/apps/api/**',
      ]),
    },
  },
  {
    // The audit chain is pure (hashing only), so the verifier, the api and the tests share one definition of it; its
    // vocabulary (actions, outcomes, object types) is the contract's.
    files: ['libs/audit/**/*.ts'],
    rules: restrictImports(
      ['@nestjs/*', 'typeorm', 'pg', '@temporalio/*', '@doorloop/!(contracts)', '**/libs/persistence/**'],
      { allowNode: true },
    ),
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Integration and browser tests pass on any day: a written date goes stale (docs/testing.md, "Dates"). Derive it
    // from test/dates.ts, or mark a date that is fixed on purpose:
    // `// eslint-disable-next-line no-restricted-syntax -- fixed date: <why>`.
    files: ['test/**/*.e2e-spec.ts', 'test/**/*.large-spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['Literal[value=/\\d{4}-[01]\\d-[0-3]\\d/]', 'TemplateElement[value.raw=/\\d{4}-[01]\\d-[0-3]\\d/]'].map(
          (selector) => ({
            selector,
            message: 'A written date goes stale: derive it from today (test/dates.ts) or mark it as a fixed date.',
          }),
        ),
      ],
    },
  },
  prettier,
);
