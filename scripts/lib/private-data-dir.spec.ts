import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { startMailCatcher } from './mail-catcher';
import { writeIssuerRuntime } from './local-issuer-runtime';
import { developmentSigningKey } from './oidc-signing-key';
import { makeDataDirPrivate } from './private-data-dir';

const modeOf = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

describe('the files of DATA_DIR are their owner’s alone', () => {
  let dataDir: string;
  const at = (...parts: string[]) => join(dataDir, ...parts);

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'doorloop-data-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  describe('makeDataDirPrivate: a DATA_DIR written world-readable (an earlier version, a loose umask)', () => {
    beforeEach(async () => {
      await chmod(dataDir, 0o755);
      for (const dir of ['mail', 'postgres', join('postgres', 'cluster')]) await mkdir(at(dir), { mode: 0o755 });
      for (const file of ['payload-keys', 'oidc-issuer.json', 'temporal.sqlite', join('mail', 'a.eml')]) {
        await writeFile(at(file), 'x', { mode: 0o644 });
      }
      await writeFile(at('postgres', 'password'), 'x', { mode: 0o664 });
      await writeFile(at('postgres', 'cluster', 'PG_VERSION'), '18', { mode: 0o644 });
      await chmod(at('postgres'), 0o755);
      await chmod(at('postgres', 'cluster'), 0o755);
    });

    it('makes every file 0600 and every directory 0700, leaving the PostgreSQL cluster to PostgreSQL', async () => {
      const changed = await makeDataDirPrivate(dataDir, false);

      expect(
        await Promise.all(
          [
            '',
            'payload-keys',
            'oidc-issuer.json',
            'temporal.sqlite',
            'mail',
            join('mail', 'a.eml'),
            'postgres',
            join('postgres', 'password'),
          ].map(async (path) => [path, await modeOf(at(path))]),
        ),
      ).toEqual([
        ['', '700'],
        ['payload-keys', '600'],
        ['oidc-issuer.json', '600'],
        ['temporal.sqlite', '600'],
        ['mail', '700'],
        [join('mail', 'a.eml'), '600'],
        ['postgres', '700'],
        [join('postgres', 'password'), '600'],
      ]);
      expect(await modeOf(at('postgres', 'cluster', 'PG_VERSION'))).toBe('644'); // not ours to change
      expect(changed).toHaveLength(8);
      expect(await makeDataDirPrivate(dataDir, false)).toEqual([]);
    });

    it('as root, leaves the postgres user a way (traverse only) to its cluster, and nothing else', async () => {
      await makeDataDirPrivate(dataDir, true);

      expect([await modeOf(dataDir), await modeOf(at('postgres')), await modeOf(at('mail'))]).toEqual([
        '711',
        '711',
        '700',
      ]);
      expect(await modeOf(at('payload-keys'))).toBe('600');
    });
  });

  it('writes the issuer runtime file (a client secret for any user) and the signing key 0600', async () => {
    const before = process.umask(0o022); // a loose umask: the modes must not depend on it
    try {
      await writeIssuerRuntime(dataDir, { issuer: 'http://localhost:3001', clientId: 'c', clientSecret: 's', pid: 1 });
      await developmentSigningKey(at('oidc-signing-key.json'), () => undefined);
    } finally {
      process.umask(before);
    }

    expect(await modeOf(at('oidc-issuer.json'))).toBe('600');
    expect(await modeOf(at('oidc-signing-key.json'))).toBe('600');
  });

  it('keeps each mail 0600 in a 0700 directory', async () => {
    const before = process.umask(0o022);
    const catcher = await startMailCatcher({ dir: at('mail') }).finally(() => process.umask(before));
    try {
      const transport = createTransport(catcher.url);
      await transport.sendMail({ from: 'a@doorloop.test', to: 'b@doorloop.test', subject: 'TRJ-7F3K', text: 'x' });
      const [mail] = await readdir(catcher.dir);

      expect(await modeOf(catcher.dir)).toBe('700');
      expect(await modeOf(join(catcher.dir, mail))).toBe('600');
    } finally {
      await catcher.stop();
    }
  });
});
