import { NestFactory } from '@nestjs/core';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '@doorloop/config';
import { ApiModule } from '../apps/api/src/api.module';
import { API_PREFIX, openApiDocument } from '../apps/api/src/bootstrap';

const run = promisify(execFile);
const RULESET = join(__dirname, '..', '..', 'shared', 'standards', 'nlgov-adr-ruleset.yaml');

interface SpectralResult {
  code: string;
  message: string;
  path: string[];
  severity: number;
}

/** The published API document against the NL GOV API Design Rules, with Spectral, as Logius publishes them. */
(existsSync(RULESET) ? describe : describe.skip)('OpenAPI document', () => {
  let results: SpectralResult[];

  beforeAll(async () => {
    // Preview mode resolves the modules without instantiating providers: the document needs no database or Temporal.
    const config = loadConfig({ DATABASE_URL: 'postgres://preview@127.0.0.1/none', TEMPORAL_ADDRESS: '127.0.0.1:1' });
    const app = await NestFactory.create(ApiModule.forRoot(config), { preview: true, logger: false });
    app.setGlobalPrefix(API_PREFIX);
    const document = openApiDocument(app);
    const dir = await mkdtemp(join(tmpdir(), 'doorloop-openapi-'));
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document, null, 2));
    const spectral = join(__dirname, '..', 'node_modules', '.bin', 'spectral');
    const { stdout } = await run(spectral, ['lint', '-r', RULESET, '-f', 'json', '--quiet', file], {
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '[]' }));
    results = JSON.parse(stdout || '[]') as SpectralResult[];
  }, 120_000);

  it('passes the NL GOV API Design Rules ruleset with zero errors', () => {
    const errors = results.filter((r) => r.severity === 0).map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`);
    expect(errors).toEqual([]);
  });
});
