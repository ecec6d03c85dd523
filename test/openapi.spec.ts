import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { previewOpenApiDocument } from '../apps/api/src/openapi-preview';

const run = promisify(execFile);
const RULESET = join(__dirname, '..', 'standards', 'nlgov-adr-ruleset.yaml');

interface SpectralResult {
  code: string;
  message: string;
  path: string[];
  severity: number;
}

/** The published API document against the NL GOV API Design Rules, with Spectral, as Logius publishes them. */
describe('OpenAPI document', () => {
  let results: SpectralResult[];

  beforeAll(async () => {
    const document = await previewOpenApiDocument();
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
