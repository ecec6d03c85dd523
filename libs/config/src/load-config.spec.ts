import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import {
  ConfigError,
  loadConfig,
  publicBaseUrl,
  requireFieldKeys,
  requireOidcIssuer,
  requirePayloadKeys,
  requireSmtpUrl,
} from './load-config';
import { CONFIG_VARIABLES } from './config.schema';
import { generateKeySettings } from './key-ring';
import { formatRetention } from './retention';

const valid = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', TEMPORAL_ADDRESS: '127.0.0.1:7233' };

/** What loadConfig names wrong in a valid environment with `env` laid over it; nothing when it loads. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...valid, ...env });
  } catch (error) {
    return (error as ConfigError).problems;
  }
  return [];
}

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
    const first = generateKeySettings('payload', 'dev-1');
    const second = generateKeySettings('payload', 'dev-1');
    expect(first.PAYLOAD_KEYS).not.toBe(second.PAYLOAD_KEYS);
    expect(loadConfig({ ...valid, ...first }).PAYLOAD_KEYS?.ids).toEqual(['dev-1']);
    expect(() => generateKeySettings('payload', 'not an id')).toThrow(/payload key id/);
  });
});

describe('field keys (FIELD_KEYS, FIELD_KEY_ID): the same format and rules as the payload keys', () => {
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');
  it('reads them apart from the payload keys, and shows ids only', () => {
    const config = loadConfig({
      ...valid,
      ...generateKeySettings('payload', 'p1'),
      FIELD_KEYS: `f1:${k1},f2:${k2}`,
      FIELD_KEY_ID: 'f2',
    });
    expect(config.FIELD_KEYS?.ids).toEqual(['f1', 'f2']);
    expect(config.PAYLOAD_KEYS?.ids).toEqual(['p1']);
    expect(requireFieldKeys(config).currentKeyId).toBe('f2');
    expect(String(config.FIELD_KEYS)).toBe('FieldKeys(f1, f2)');
    for (const shown of [JSON.stringify(config), inspect(config, { depth: 10 })]) {
      expect(shown).not.toContain(k1);
      expect(shown).not.toContain(k2);
    }
  });

  it('names bad entries and a missing or unknown current id, never echoing a key', () => {
    expect(problemsOf({ FIELD_KEYS: `f1:${k1},${k2}` })).toEqual([
      'FIELD_KEYS: entry 2 of 2: must be id:base64key (pairs separated by commas) (got "…")',
      'FIELD_KEY_ID: is required with FIELD_KEYS: name the key that wraps new data keys',
    ]);
    expect(problemsOf({ FIELD_KEYS: `f1:${k1}`, FIELD_KEY_ID: k2 }).join('\n')).not.toContain(k2);
    expect(problemsOf({ FIELD_KEYS: `f1:${k1}`, FIELD_KEY_ID: 'f9' })).toEqual([
      'FIELD_KEY_ID: must be one of the ids in FIELD_KEYS (f1) (got "…")',
    ]);
  });

  it('are required by what stores identifying fields', () => {
    const config = loadConfig(valid);
    expect(() => requireFieldKeys(config)).toThrow(ConfigError);
    try {
      requireFieldKeys(config);
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^FIELD_KEYS: is required to read and write identifying fields/),
        'FIELD_KEY_ID: is required to read and write identifying fields: the id of the current key',
      ]);
    }
    expect(requireFieldKeys(loadConfig({ ...valid, ...generateKeySettings('field', 'f1') })).currentKeyId).toBe('f1');
  });
});

describe('retention periods (RETENTION)', () => {
  const retentionProblems = (RETENTION: string): string[] => problemsOf({ RETENTION });

  it('keeps everything 20 years after closure unless told otherwise', () => {
    expect(loadConfig(valid).RETENTION).toEqual({ 'case-data': 'P20Y', identity: 'P20Y' });
    expect(formatRetention(loadConfig(valid).RETENTION)).toBe('case-data=P20Y,identity=P20Y');
  });

  it('reads category=duration pairs; a category not named keeps its default', () => {
    expect(loadConfig({ ...valid, RETENTION: 'identity=P15Y' }).RETENTION).toEqual({
      'case-data': 'P20Y',
      identity: 'P15Y',
    });
    expect(loadConfig({ ...valid, RETENTION: ' case-data = P30Y , identity=P18M ' }).RETENTION).toEqual({
      'case-data': 'P30Y',
      identity: 'P18M',
    });
    expect(loadConfig({ ...valid, RETENTION: 'case-data=P1DT12H,identity=PT36H' }).RETENTION).toEqual({
      'case-data': 'P1DT12H',
      identity: 'PT36H',
    });
  });

  it('names every bad entry: unknown category, not a duration, not positive, repeated', () => {
    expect(retentionProblems('notifications=P2Y,identity=20 years,case-data=P0D,case-data')).toEqual([
      'RETENTION: "notifications=P2Y" must be category=duration, the category one of case-data, identity',
      'RETENTION: identity: must be a positive ISO 8601 duration such as P20Y or P18M (got "20 years")',
      'RETENTION: case-data: must be a positive ISO 8601 duration such as P20Y or P18M (got "P0D")',
      'RETENTION: "case-data" must be category=duration, the category one of case-data, identity',
    ]);
    expect(retentionProblems('identity=P1Y,identity=P2Y')).toEqual(['RETENTION: identity: is named twice']);
    expect(retentionProblems('identity=-P1Y')).toEqual([
      expect.stringMatching(/^RETENTION: identity: must be a positive ISO 8601 duration/),
    ]);
  });

  it('refuses identifying fields kept longer than the case they identify', () => {
    expect(retentionProblems('case-data=P15Y,identity=P20Y')).toEqual([
      'RETENTION: identity (P20Y) must not be longer than case-data (P15Y): erasing the case erases its identifying ' +
        'fields',
    ]);
    expect(retentionProblems('case-data=P15Y')).toHaveLength(1);
  });
});

describe('mail settings (SMTP_URL, MAIL_FROM)', () => {
  it('takes smtp:// and smtps:// relays and a sender with a name', () => {
    const config = loadConfig({
      ...valid,
      SMTP_URL: 'smtps://relay.example.test:465',
      MAIL_FROM: 'Doorloop <a@b.test>',
    });
    expect(config.SMTP_URL).toBe('smtps://relay.example.test:465');
    expect(config.MAIL_FROM).toBe('Doorloop <a@b.test>');
    expect(loadConfig(valid).MAIL_FROM).toBe('Doorloop <noreply@doorloop.test>');
  });

  it('rejects another scheme without echoing a URL that may carry a password', () => {
    expect(() => loadConfig({ ...valid, SMTP_URL: 'http://mailer:s3cret@relay.test' })).toThrow(
      /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL with a host \(got "…"\)/,
    );
    expect(() => loadConfig({ ...valid, SMTP_URL: 'http://mailer:s3cret@relay.test' })).not.toThrow(/s3cret/);
    expect(() => loadConfig({ ...valid, MAIL_FROM: 'Doorloop' })).toThrow(/MAIL_FROM: must be an address/);
  });

  it('is required by the worker in production only, with a message naming it', () => {
    expect(requireSmtpUrl(loadConfig({ ...valid, NODE_ENV: 'development' }))).toBeUndefined();
    expect(requireSmtpUrl(loadConfig({ ...valid, NODE_ENV: 'production', SMTP_URL: 'smtp://relay.test:587' }))).toBe(
      'smtp://relay.test:587',
    );
    expect(() => requireSmtpUrl(loadConfig({ ...valid, NODE_ENV: 'production' }))).toThrow(
      /SMTP_URL: is required by the worker in production/,
    );
  });

  it('builds links on PUBLIC_URL, or on the api on localhost', () => {
    expect(publicBaseUrl(loadConfig({ ...valid, PUBLIC_URL: 'https://doorloop.example.test/' }))).toBe(
      'https://doorloop.example.test',
    );
    expect(publicBaseUrl(loadConfig({ ...valid, PORT: '3100' }))).toBe('http://localhost:3100');
  });
});

describe('sign-in and hardening settings', () => {
  it('defaults to the local names, CORS closed and a generous write budget', () => {
    const config = loadConfig(valid);
    expect(config.OIDC_ISSUER).toBeUndefined();
    expect(config.OIDC_AUDIENCE).toBe('doorloop-api');
    expect(config.OIDC_USERNAME_CLAIM).toBe('sub');
    expect(config.OIDC_WEB_CLIENT_ID).toBe('doorloop-web');
    expect(config.OIDC_CLIENT_IDS).toEqual([]);
    expect(config.OIDC_MAX_TOKEN_AGE_SECONDS).toBe(12 * 60 * 60);
    expect(config.CORS_ORIGINS).toEqual([]);
    expect(config.RATE_LIMIT_WRITES_PER_MINUTE).toBe(120);
  });

  it('reads the other clients and the oldest token accepted, and refuses what is not one', () => {
    const config = loadConfig({
      ...valid,
      OIDC_CLIENT_IDS: ' reports , doorloop-cli,',
      OIDC_MAX_TOKEN_AGE_SECONDS: '3600',
    });
    expect(config.OIDC_CLIENT_IDS).toEqual(['reports', 'doorloop-cli']);
    expect(config.OIDC_MAX_TOKEN_AGE_SECONDS).toBe(3600);
    expect(loadConfig({ ...valid, OIDC_CLIENT_IDS: '' }).OIDC_CLIENT_IDS).toEqual([]);
    expect(() => loadConfig({ ...valid, OIDC_CLIENT_IDS: 'two words' })).toThrow(
      /OIDC_CLIENT_IDS: must be client ids, comma-separated/,
    );
    for (const age of ['0', '59', '604801', '12h', '1.5'])
      expect(() => loadConfig({ ...valid, OIDC_MAX_TOKEN_AGE_SECONDS: age })).toThrow(/OIDC_MAX_TOKEN_AGE_SECONDS/);
  });

  it('defaults the budgets against floods and bulk reads (issue 19), and refuses what is not a count', () => {
    expect(loadConfig(valid)).toMatchObject({
      RATE_LIMIT_REQUESTS_PER_SOURCE_PER_MINUTE: 1200,
      RATE_LIMIT_IDENTITY_READS_PER_MINUTE: 30,
      IDENTITY_BULK_READ_THRESHOLD: 25,
      IDENTITY_BULK_READ_WINDOW_MINUTES: 60,
      AUDIT_FAILED_LOGIN_WINDOW_SECONDS: 60,
      AUDIT_SINGLE_FAILED_LOGINS_PER_WINDOW: 0,
    });
    for (const name of [
      'RATE_LIMIT_REQUESTS_PER_SOURCE_PER_MINUTE',
      'RATE_LIMIT_IDENTITY_READS_PER_MINUTE',
      'IDENTITY_BULK_READ_THRESHOLD',
      'IDENTITY_BULK_READ_WINDOW_MINUTES',
      'AUDIT_FAILED_LOGIN_WINDOW_SECONDS',
    ]) {
      expect(() => loadConfig({ ...valid, [name]: '0' })).toThrow(new RegExp(name));
    }
    expect(() => loadConfig({ ...valid, AUDIT_SINGLE_FAILED_LOGINS_PER_WINDOW: '-1' })).toThrow(
      /AUDIT_SINGLE_FAILED_LOGINS_PER_WINDOW/,
    );
    expect(
      loadConfig({ ...valid, AUDIT_SINGLE_FAILED_LOGINS_PER_WINDOW: '3' }).AUDIT_SINGLE_FAILED_LOGINS_PER_WINDOW,
    ).toBe(3);
  });

  it('reads CORS_ORIGINS as a list of origins and refuses anything else', () => {
    expect(
      loadConfig({ ...valid, CORS_ORIGINS: 'https://web.example.org, http://localhost:5173/' }).CORS_ORIGINS,
    ).toEqual(['https://web.example.org', 'http://localhost:5173']);
    expect(() => loadConfig({ ...valid, CORS_ORIGINS: 'https://web.example.org/app' })).toThrow(
      /CORS_ORIGINS: must be origins like https:\/\/web.example.org, comma-separated/,
    );
    expect(() => loadConfig({ ...valid, CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });

  it('refuses a write budget that is not a positive number, and a claim name that is not one', () => {
    expect(() => loadConfig({ ...valid, RATE_LIMIT_WRITES_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_WRITES_PER_MINUTE/);
    expect(() => loadConfig({ ...valid, OIDC_USERNAME_CLAIM: 'preferred username' })).toThrow(/OIDC_USERNAME_CLAIM/);
    expect(() => loadConfig({ ...valid, OIDC_ISSUER: 'not a url' })).toThrow(/OIDC_ISSUER/);
  });

  it('lets the api start only with an issuer, and says where one comes from', () => {
    expect(requireOidcIssuer(loadConfig({ ...valid, OIDC_ISSUER: 'https://sign-in.example.org/realms/demo' }))).toBe(
      'https://sign-in.example.org/realms/demo',
    );
    expect(() => requireOidcIssuer(loadConfig(valid))).toThrow(/OIDC_ISSUER: is required by the api/);
  });

  describe('an http:// issuer in production (OIDC_ALLOW_HTTP_LOOPBACK_ISSUER)', () => {
    const production = { ...valid, NODE_ENV: 'production' };

    it.each(['http://sign-in.example.org/realms/demo', 'http://10.0.0.5:8080', 'http://127.0.0.1:3001'])(
      'refuses %s at start-up, naming OIDC_ISSUER',
      (issuer) => {
        expect(() => loadConfig({ ...production, OIDC_ISSUER: issuer })).toThrow(ConfigError);
        expect(() => loadConfig({ ...production, OIDC_ISSUER: issuer })).toThrow(
          /OIDC_ISSUER: must be an https:\/\/ URL with NODE_ENV=production/,
        );
      },
    );

    it('names the opt-in when the issuer is on this host, and refuses it elsewhere even then', () => {
      expect(() => loadConfig({ ...production, OIDC_ISSUER: 'http://localhost:3001' })).toThrow(
        /set OIDC_ALLOW_HTTP_LOOPBACK_ISSUER=true/,
      );
      const optedIn = { ...production, OIDC_ALLOW_HTTP_LOOPBACK_ISSUER: 'true' };
      expect(() => loadConfig({ ...optedIn, OIDC_ISSUER: 'http://sign-in.example.org' })).toThrow(/OIDC_ISSUER/);
      expect(() => loadConfig({ ...optedIn, OIDC_ISSUER: 'http://10.1.2.3' })).toThrow(/OIDC_ISSUER/);
    });

    it.each(['http://localhost:3001', 'http://127.0.0.1:3001/realms/x', 'http://[::1]:3001'])(
      'accepts the loopback issuer %s in production with the opt-in',
      (issuer) => {
        const config = loadConfig({ ...production, OIDC_ISSUER: issuer, OIDC_ALLOW_HTTP_LOOPBACK_ISSUER: 'true' });
        expect(config.OIDC_ISSUER).toBe(issuer);
        expect(config.OIDC_ALLOW_HTTP_LOOPBACK_ISSUER).toBe(true);
      },
    );

    it('accepts https:// in production and http:// outside it, with no opt-in', () => {
      expect(loadConfig({ ...production, OIDC_ISSUER: 'https://sign-in.example.org' }).OIDC_ISSUER).toBe(
        'https://sign-in.example.org',
      );
      expect(loadConfig({ ...valid, OIDC_ISSUER: 'http://sign-in.example.org' }).OIDC_ISSUER).toBe(
        'http://sign-in.example.org',
      );
    });

    it('takes only true or false as an opt-in, off by default', () => {
      expect(loadConfig(valid).OIDC_ALLOW_HTTP_LOOPBACK_ISSUER).toBe(false);
      expect(loadConfig(valid).LOCAL_ISSUER_ON_EXTERNAL_DATABASE).toBe(false);
      expect(
        loadConfig({ ...valid, LOCAL_ISSUER_ON_EXTERNAL_DATABASE: 'true' }).LOCAL_ISSUER_ON_EXTERNAL_DATABASE,
      ).toBe(true);
      expect(() => loadConfig({ ...valid, OIDC_ALLOW_HTTP_LOOPBACK_ISSUER: 'yes' })).toThrow(
        /OIDC_ALLOW_HTTP_LOOPBACK_ISSUER: must be one of true, false \(got "yes"\)/,
      );
    });
  });
});
