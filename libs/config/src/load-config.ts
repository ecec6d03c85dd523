import { z } from 'zod';
import { configSchema, type AppConfig } from './config.schema';
import { KEY_RINGS, type KeyRing, type KeyRingName } from './key-ring';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once, at start-up; a bad value names the variable and what it allows. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, present)));
}

/**
 * Variables whose value may carry a credential: never echoed back. A key id is not secret, but a key pasted into the
 * wrong variable would be.
 */
const SECRET_BEARING = new Set<string>([
  'DATABASE_URL',
  'SMTP_URL',
  ...Object.values(KEY_RINGS).flatMap((ring) => [ring.keys, ring.currentId]),
]);

/** Lists of entries whose problems quote the entry they are about: the whole value would only repeat it. */
const ENTRY_LISTS = new Set<string>(['RETENTION']);

function describeIssue(issue: z.core.$ZodIssue, present: Record<string, string | undefined>): string {
  const variable = issue.path.join('.');
  const given = present[variable];
  if (given === undefined) return `${variable}: ${issue.code === 'custom' ? issue.message : 'is required'}`;
  if (issue.code === 'custom' && ENTRY_LISTS.has(variable)) return `${variable}: ${issue.message}`;
  const value = SECRET_BEARING.has(variable) ? '…' : given;
  if (issue.code === 'invalid_value')
    return `${variable}: must be one of ${issue.values.map(String).join(', ')} (got "${value}")`;
  if (issue.code === 'invalid_type') return `${variable}: must be a ${issue.expected} (got "${value}")`;
  return `${variable}: ${issue.message} (got "${value}")`;
}

/**
 * The payload keys of a process that talks to Temporal. Not required by the schema, because `migrate` shares it and has
 * no use for keys; the api and the worker call this while they start, so none of them ever sends a payload in the
 * clear, in any NODE_ENV.
 */
export function requirePayloadKeys(config: Pick<AppConfig, 'PAYLOAD_KEYS' | 'PAYLOAD_KEY_ID'>): RequiredKeys {
  return requireKeys('payload', config.PAYLOAD_KEYS, config.PAYLOAD_KEY_ID);
}

/** The master keys of the identifying fields; the api calls this while it starts, so it never stores them in clear. */
export function requireFieldKeys(config: Pick<AppConfig, 'FIELD_KEYS' | 'FIELD_KEY_ID'>): RequiredKeys {
  return requireKeys('field', config.FIELD_KEYS, config.FIELD_KEY_ID);
}

export interface RequiredKeys {
  keys: KeyRing;
  currentKeyId: string;
}

function requireKeys(name: KeyRingName, keys: KeyRing | undefined, currentKeyId: string | undefined): RequiredKeys {
  if (keys && currentKeyId && keys.has(currentKeyId)) return { keys, currentKeyId };
  const ring = KEY_RINGS[name];
  const problems = [];
  if (!keys) {
    problems.push(
      `${ring.keys}: is required to ${ring.purpose}: ${ring.reason} (id:base64key pairs; npm start and npm test generate a key, ` +
        'production sets its own: see docs/deployment.md)',
    );
  }
  if (!currentKeyId) problems.push(`${ring.currentId}: is required to ${ring.purpose}: the id of the current key`);
  else if (keys) problems.push(`${ring.currentId}: must be one of the ids in ${ring.keys}`);
  throw new ConfigError(problems);
}

/**
 * The mail relay of the worker. Not required by the schema, because the api and `migrate` send no mail; the worker calls
 * this while it starts. In production a worker without a relay would silently drop every escalation, so it refuses to
 * start; elsewhere (a worker started by hand) it runs without mail and says so.
 */
export function requireSmtpUrl(config: Pick<AppConfig, 'SMTP_URL' | 'NODE_ENV'>): string | undefined {
  if (config.SMTP_URL || config.NODE_ENV !== 'production') return config.SMTP_URL;
  throw new ConfigError([
    'SMTP_URL: is required by the worker in production: the mail relay for escalation mails (smtp://user:pass@host:587 ' +
      'or smtps://host:465, see docs/deployment.md)',
  ]);
}

/** The base URL people reach the product at, for links in mails and redirects: PUBLIC_URL, or the api on localhost. */
export function publicBaseUrl(config: Pick<AppConfig, 'PUBLIC_URL' | 'PORT'>): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

/**
 * The issuer whose tokens the api accepts. Optional to the schema (the worker and `migrate` authenticate nobody), but
 * the api refuses to start without it: there is no anonymous mode.
 */
export function requireOidcIssuer(config: Pick<AppConfig, 'OIDC_ISSUER'>): string {
  if (config.OIDC_ISSUER) return config.OIDC_ISSUER;
  throw new ConfigError([
    'OIDC_ISSUER: is required by the api: the URL of the OpenID Connect issuer whose access tokens it accepts ' +
      '(npm start and npm test run a local one; production names its own, see docs/deployment.md)',
  ]);
}
