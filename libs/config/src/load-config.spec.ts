import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { ConfigError, loadConfig, requirePayloadKeys } from './load-config';
import { CONFIG_VARIABLES } from './config.schema';
import { generatePayloadKeySettings } from './payload-keys';

const valid = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', TEMPORAL_ADDRESS: '127.0.0.1:7233' };

describe('loadConfig', () => {
  it('applies defaults to a minimal valid environment', () => {
    const sut = loadConfig(valid);
    expect(sut.PORT).toBe(3000);
    expect(sut.TEMPORAL_TASK_QUEUE).toBe('doorloop-trajectories');
    expect(sut.NODE_ENV).toBe('development');
  });

  it('names every bad variable and what it allows', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', TEMPORAL_ADDRESS: 'nowhere' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const { problems } = error as ConfigError;
      expect(problems).toEqual(
        expect.arrayContaining([
          'PORT: must be a number (got "eighty")',
          'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
          'DATABASE_URL: is required',
          'TEMPORAL_ADDRESS: must be host:port (got "nowhere")',
        ]),
      );
    }
  });

  it('never echoes a value that may carry a credential', () => {
    expect(() => loadConfig({ ...valid, DATABASE_URL: 'mysql://admin:s3cret@db' })).toThrow(
      /DATABASE_URL: must be a postgres/,
    );
    expect(() => loadConfig({ ...valid, DATABASE_URL: 'mysql://admin:s3cret@db' })).not.toThrow(/s3cret/);
  });

  it('treats empty strings as unset so defaults apply', () => {
    expect(loadConfig({ ...valid, PORT: '' }).PORT).toBe(3000);
  });

  it('lists the variables it reads', () => {
    expect(CONFIG_VARIABLES).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'TEMPORAL_ADDRESS']));
  });
});

describe('payload keys (PAYLOAD_KEYS, PAYLOAD_KEY_ID)', () => {
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');
  const keys = { PAYLOAD_KEYS: `2026-01:${k1}, 2026-11:${k2}`, PAYLOAD_KEY_ID: '2026-11' };
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig({ ...valid, ...env });
    } catch (error) {
      return (error as ConfigError).problems;
    }
    return [];
  };

  it('reads id:base64key pairs and the current id', () => {
    const config = loadConfig({ ...valid, ...keys });
    expect(config.PAYLOAD_KEYS?.ids).toEqual(['2026-01', '2026-11']);
    expect(config.PAYLOAD_KEY_ID).toBe('2026-11');
    expect(config.PAYLOAD_KEYS?.key('2026-01')?.export().toString('base64')).toBe(k1);
    expect(requirePayloadKeys(config).currentKeyId).toBe('2026-11');
  });

  it('never shows key material when the configuration is logged, inspected or serialised', () => {
    const config = loadConfig({ ...valid, ...keys });
    for (const shown of [JSON.stringify(config), inspect(config, { depth: 10 }), String(config.PAYLOAD_KEYS)]) {
      expect(shown).toContain('2026-11');
      expect(shown).not.toContain(k1);
      expect(shown).not.toContain(k2);
    }
  });

  it('names each bad entry by its position, never by its content', () => {
    const short = randomBytes(16).toString('base64');
    const problems = problemsOf({
      PAYLOAD_KEYS: `a:${k1},${k2},b:${short},a:${k2},bad id:${k1},c:${k1.slice(0, -1)}!`,
      PAYLOAD_KEY_ID: 'a',
    });
    expect(problems).toEqual([
      'PAYLOAD_KEYS: entry 2 of 6: must be id:base64key (pairs separated by commas) (got "…")',
      'PAYLOAD_KEYS: entry 3 of 6: the key must be 32 bytes in base64 (generate one with: openssl rand -base64 32) (got "…")',
      'PAYLOAD_KEYS: entry 4 of 6: repeats the id of entry 1; each id names one key (got "…")',
      expect.stringMatching(/^PAYLOAD_KEYS: entry 5 of 6: the id must be 1–64 letters/),
      'PAYLOAD_KEYS: entry 6 of 6: the key must be 32 bytes in base64 (generate one with: openssl rand -base64 32) (got "…")',
    ]);
    for (const secret of [k1, k2, short, k1.slice(0, 20), k2.slice(0, 20)])
      expect(problems.join('\n')).not.toContain(secret);
  });

  it('words the problem of a single entry without a position', () => {
    expect(problemsOf({ PAYLOAD_KEYS: 'k1:notakey', PAYLOAD_KEY_ID: 'k1' })).toEqual([
      'PAYLOAD_KEYS: the key must be 32 bytes in base64 (generate one with: openssl rand -base64 32) (got "…")',
    ]);
  });

  it('requires the current id with the keys, and among them', () => {
    expect(problemsOf({ PAYLOAD_KEYS: keys.PAYLOAD_KEYS })).toEqual([
      'PAYLOAD_KEY_ID: is required with PAYLOAD_KEYS: name the key that encrypts new payloads',
    ]);
    expect(problemsOf({ ...keys, PAYLOAD_KEY_ID: '2027-01' })).toEqual([
      'PAYLOAD_KEY_ID: must be one of the ids in PAYLOAD_KEYS (2026-01, 2026-11) (got "…")',
    ]);
    expect(problemsOf({ PAYLOAD_KEY_ID: '2026-11' })).toEqual([
      'PAYLOAD_KEYS: is required with PAYLOAD_KEY_ID: list the keys as id:base64key pairs',
    ]);
  });

  it('does not echo a key pasted into PAYLOAD_KEY_ID', () => {
    expect(problemsOf({ ...keys, PAYLOAD_KEY_ID: k1 }).join('\n')).not.toContain(k1);
    expect(problemsOf({ ...keys, PAYLOAD_KEY_ID: k1.replace(/[+/=]/g, 'x') }).join('\n')).not.toContain(
      k1.slice(0, 20),
    );
  });

  it('reports the keys together with every other problem of the same start', () => {
    expect(problemsOf({ PORT: 'eighty', PAYLOAD_KEYS: keys.PAYLOAD_KEYS })).toEqual([
      'PORT: must be a number (got "eighty")',
      'PAYLOAD_KEY_ID: is required with PAYLOAD_KEYS: name the key that encrypts new payloads',
    ]);
  });

  it('leaves them optional to the schema (migrate needs none), but not to what talks to Temporal', () => {
    const config = loadConfig({ ...valid, NODE_ENV: 'production' });
    expect(config.PAYLOAD_KEYS).toBeUndefined();
    expect(() => requirePayloadKeys(config)).toThrow(ConfigError);
    try {
      requirePayloadKeys(config);
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^PAYLOAD_KEYS: is required to reach Temporal/),
        expect.stringMatching(/^PAYLOAD_KEY_ID: is required to reach Temporal/),
      ]);
    }
  });

  it('generates a fresh valid key for development and tests', () => {
    const first = generatePayloadKeySettings('dev-1');
    const second = generatePayloadKeySettings('dev-1');
    expect(first.PAYLOAD_KEYS).not.toBe(second.PAYLOAD_KEYS);
    expect(loadConfig({ ...valid, ...first }).PAYLOAD_KEYS?.ids).toEqual(['dev-1']);
    expect(() => generatePayloadKeySettings('not an id')).toThrow(/payload key id/);
  });
});
