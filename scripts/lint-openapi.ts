import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@doorloop/config';
import { previewOpenApiDocument } from '../apps/api/src/openapi-preview';

/**
 * CI's lint step for the api: the OpenAPI document against the NL GOV API Design Rules (Logius' Spectral ruleset, copied
 * into standards/). Fails on any error; warnings are printed.
 */
async function main(): Promise<number> {
  const root = repoRoot();
  const ruleset = process.env.ADR_RULESET ?? join(root, 'standards', 'nlgov-adr-ruleset.yaml');
  if (!existsSync(ruleset)) {
    process.stderr.write(`lint-openapi: no ruleset at ${ruleset}; restore standards/ (see standards/README.md).\n`);
    return 2;
  }
  const file = join(await mkdtemp(join(tmpdir(), 'doorloop-openapi-')), 'openapi.json');
  await writeFile(file, JSON.stringify(await previewOpenApiDocument(), null, 2));
  const spectral = join(root, 'node_modules', '.bin', 'spectral');
  const result = spawnSync(spectral, ['lint', '-r', ruleset, '--fail-severity', 'error', file], { stdio: 'inherit' });
  return result.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`lint-openapi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
