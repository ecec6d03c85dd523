import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { repoRoot } from '@doorloop/config';
import { FAILURE_CONVERTER_PATH } from '@doorloop/temporal';

export function defaultBundlePath(): string {
  return join(repoRoot(), 'dist', 'workflow-bundle.js');
}

/**
 * Bundles `workflows/` once (a build step, and once per test run) so that workers load prebuilt code. The bundler does
 * not read tsconfig paths, so the one alias workflows may use, `@doorloop/domain`, is given to webpack here.
 */
export async function buildWorkflowBundle(outPath: string = defaultBundlePath()): Promise<string> {
  const root = repoRoot();
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(root, 'workflows', 'src', 'index.ts'),
    // Errors thrown in workflow code carry their message in failure attributes: encode those too (see data-converter).
    failureConverterPath: FAILURE_CONVERTER_PATH,
    webpackConfigHook: (config) => ({
      ...config,
      resolve: {
        ...config.resolve,
        alias: { ...(config.resolve?.alias ?? {}), '@doorloop/domain': join(root, 'libs', 'domain', 'src') },
      },
    }),
    logger: {
      log: () => undefined,
      info: () => undefined,
      warn: console.warn,
      error: console.error,
      debug: () => undefined,
      trace: () => undefined,
    },
  });
  await mkdir(dirname(outPath), { recursive: true });
  await writeFile(outPath, code);
  return outPath;
}
