import { z } from 'zod';
import { KEY_ID_PATTERN, KEY_ID_RULE, KEY_RINGS, KeyRing } from './key-ring';
import { parseRetention } from './retention';
import { durationSign, formatDuration, parseDuration } from '@doorloop/domain';

const port = z.coerce.number().int().min(0).max(65535);
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** A mailbox as it may stand in a From header: `name@domain` or `Display Name <name@domain>`. */
const MAILBOX = /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

/** Comma-separated origins (`https://host[:port]`, no path); empty means none. */
const origins = z.string().transform((text, context) => {
  const list = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  for (const entry of list) {
    let origin: string | undefined;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== entry.replace(/\/$/, '')) {
      context.addIssue({ code: 'custom', message: `must be origins like https://web.example.org, comma-separated` });
      return z.NEVER;
    }
  }
  return list.map((entry) => entry.replace(/\/$/, ''));
});

/** Comma-separated OAuth client ids (printable ASCII without spaces); empty means none. */
const clientIds = z.string().transform((text, context) => {
  const list = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (list.every((entry) => /^[\x21-\x7e]+$/.test(entry))) return list;
  context.addIssue({ code: 'custom', message: 'must be client ids, comma-separated' });
  return z.NEVER;
});

const keyRing = (label: string) =>
  z.string().transform((text, context) => {
    const parsed = KeyRing.parse(text, label);
    if (parsed.keys) return parsed.keys;
    for (const message of parsed.problems) context.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
const keyId = z.string().regex(KEY_ID_PATTERN, `must be ${KEY_ID_RULE}`);

/** An explicit yes: only `true` turns it on; anything but `true` or `false` is refused, naming the variable. */
const optIn = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');

/** The loopback interface: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackUrl(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

/** A positive ISO 8601 duration, kept as written (normalised). */
const positiveDuration = z.string().transform((text, context) => {
  const duration = parseDuration(text.trim());
  if (duration && durationSign(duration) > 0) return formatDuration(duration);
  context.addIssue({
    code: 'custom',
    message: `must be a positive ISO 8601 duration such as P2Y or P7D (got "${text.slice(0, 40)}")`,
  });
  return z.NEVER;
});

const retention = z.string().transform((text, context) => {
  const parsed = parseRetention(text);
  if ('periods' in parsed) return parsed.periods;
  for (const message of parsed.problems) context.addIssue({ code: 'custom', message });
  return z.NEVER;
});

/**
 * Every setting the api and the worker read, declared once with its validation, default and meaning.
 * `scripts/` (the embedded runtime) fills DATABASE_URL and TEMPORAL_ADDRESS for the apps when it starts its own servers,
 * and PAYLOAD_KEYS / PAYLOAD_KEY_ID and FIELD_KEYS / FIELD_KEY_ID outside production from keys it keeps in DATA_DIR.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development').describe('Runtime mode.'),
    PORT: port.default(3000).describe('HTTP port of the api.'),
    HOST: z.string().min(1).default('127.0.0.1').describe('Interface the api listens on (0.0.0.0 in containers).'),
    LOG_LEVEL: logLevel.default('info').describe('pino log level.'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .describe('PostgreSQL connection URL.'),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port')
      .describe('Temporal frontend gRPC address.'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default').describe('Temporal namespace.'),
    TEMPORAL_TASK_QUEUE: z
      .string()
      .min(1)
      .default('doorloop-trajectories')
      .describe('Task queue of the trajectory workflows.'),
    SHUTDOWN_GRACE_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(600)
      .default(10)
      .describe('Time the worker gets to drain running activities on shutdown.'),
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(500)
      .describe(
        'Trajectory workflows the worker keeps in memory between their steps (0.6–1.2 MiB each); one not kept is ' +
          "replayed from its history when it wakes. Bounds the worker's memory: see docs/performance.md.",
      ),
    PUBLIC_URL: z
      .url()
      .optional()
      .describe('Public base URL of the api, used in links (default http://localhost:PORT).'),
    TEMPORAL_UI_URL: z.url().optional().describe('Temporal Web UI URL, printed and linked for operators.'),
    WORKFLOW_BUNDLE_PATH: z
      .string()
      .min(1)
      .optional()
      .describe('Prebuilt workflow bundle for the worker (default dist/workflow-bundle.js).'),
    OIDC_ISSUER: z
      .url()
      .optional()
      .describe(
        'Issuer URL of the OpenID Connect provider whose access tokens the api accepts (its discovery document is at ' +
          '/.well-known/openid-configuration). Required by the api; npm start runs a local issuer and fills it in.',
      ),
    OIDC_ALLOW_HTTP_LOOPBACK_ISSUER: optIn.describe(
      'true lets NODE_ENV=production accept an http:// OIDC_ISSUER on a loopback address (an issuer on the same ' +
        'host, e.g. behind a TLS-terminating proxy). Otherwise production refuses every http:// issuer: tokens and ' +
        'sign-ins over plain HTTP can be read and forged on the way.',
    ),
    LOCAL_ISSUER_ON_EXTERNAL_DATABASE: optIn.describe(
      'npm start only. true lets npm start, with a DATABASE_URL of your own, run its passwordless local OIDC issuer ' +
        '(anyone who reaches it signs in as any user of the users table by name) over that database and seed the ' +
        'demo users into it. Without it, npm start refuses both on an external database.',
    ),
    OIDC_AUDIENCE: z
      .string()
      .min(1)
      .default('doorloop-api')
      .describe('The `aud` an access token must carry to be accepted by the api.'),
    OIDC_USERNAME_CLAIM: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_.:-]*$/, 'must be a claim name')
      .default('sub')
      .describe('Access-token claim holding the username of the users table (preferred_username for Keycloak).'),
    OIDC_WEB_CLIENT_ID: z
      .string()
      .min(1)
      .default('doorloop-web')
      .describe('Client id of the web application at the issuer (a public client: authorization code with PKCE).'),
    OIDC_CLIENT_IDS: clientIds
      .default([])
      .describe(
        'Clients besides OIDC_WEB_CLIENT_ID whose access tokens the api accepts, comma-separated: a token that names ' +
          'the client it was issued to (azp) must name one of these or the web client. None by default.',
      ),
    OIDC_MAX_TOKEN_AGE_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 60 * 60)
      .default(12 * 60 * 60)
      .describe(
        'Oldest access token the api accepts, in seconds since it was issued (iat, required), whatever its expiry: a ' +
          'token with a long or forged lifetime stops working after this. Default 43200 (12 hours).',
      ),
    CORS_ORIGINS: origins
      .default([])
      .describe('Origins allowed to call the api from a browser, comma-separated; none by default (CORS closed).'),
    RATE_LIMIT_WRITES_PER_MINUTE: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(120)
      .describe('Writes (POST, PUT, DELETE) one user (or, unsigned, one IP address) may send per minute.'),
    RATE_LIMIT_REQUESTS_PER_SOURCE_PER_MINUTE: z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000_000)
      .default(1200)
      .describe(
        'Requests of any method one source address may send to the api per minute, counted before the access token ' +
          'is looked at (per replica); then 429 too-many-requests-from-source. Bounds what an unsigned flood costs.',
      ),
    RATE_LIMIT_IDENTITY_READS_PER_MINUTE: z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000_000)
      .default(30)
      .describe(
        'Reads of identifying fields (GET /trajectories/{id}/identity) one user may make per minute (per replica); ' +
          'then 429 too-many-identity-reads.',
      ),
    IDENTITY_BULK_READ_THRESHOLD: z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000_000)
      .default(25)
      .describe(
        'One user reading the identifying fields of more distinct trajectories than this within ' +
          'IDENTITY_BULK_READ_WINDOW_MINUTES raises an alert: an audit record with action bulk-read and a warning log.',
      ),
    IDENTITY_BULK_READ_WINDOW_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(10_080)
      .default(60)
      .describe(
        'The window IDENTITY_BULK_READ_THRESHOLD counts distinct identity reads in; at most one alert per window.',
      ),
    AUDIT_FAILED_LOGIN_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(86_400)
      .default(60)
      .describe(
        'Failed logins (401) and requests over the per-source limit (429) are counted per source address in windows ' +
          'of this many seconds, and each window becomes one audit record with the number of attempts.',
      ),
    AUDIT_SINGLE_FAILED_LOGINS_PER_WINDOW: z.coerce
      .number()
      .int()
      .min(0)
      .max(10_000_000)
      .default(0)
      .describe(
        'How many of those refusals per source and window still get an audit record of their own (with route and ' +
          'request id) before the rest are only counted; 0: every one is counted into the window’s record.',
      ),
    PAYLOAD_KEYS: keyRing(KEY_RINGS.payload.label)
      .optional()
      .describe(
        'Keys of the Temporal payload codec (AES-256-GCM), comma-separated id:base64key pairs of 32-byte keys: the current ' +
          'one and every older one that histories may still hold. Required by the api and the worker, which refuse to ' +
          'reach Temporal without it; npm start and npm test generate one.',
      ),
    PAYLOAD_KEY_ID: keyId
      .optional()
      .describe('Id of the key in PAYLOAD_KEYS that encrypts new payloads (the others only decrypt).'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^/?#\s]+/, 'must be an smtp:// or smtps:// URL with a host')
      .optional()
      .describe(
        'Mail relay for the escalation mails the worker sends: smtp://user:pass@host:587 (STARTTLS when offered; add ' +
          '?requireTLS=true to insist) or smtps://host:465. Required by the worker in production; npm start and npm test ' +
          'run a local SMTP server that keeps every mail as a file.',
      ),
    MAIL_FROM: z
      .string()
      .regex(MAILBOX, 'must be an address, optionally with a name: Name <address@domain>')
      .default('Doorloop <noreply@doorloop.test>')
      .describe('Sender of the escalation mails.'),
    FIELD_KEYS: keyRing(KEY_RINGS.field.label)
      .optional()
      .describe(
        'Master keys of the identifying fields (name, BSN) in PostgreSQL, same format as PAYLOAD_KEYS: each wraps ' +
          "trajectories' own data keys (AES-256-GCM). Required by the api; npm start and npm test generate one.",
      ),
    FIELD_KEY_ID: keyId
      .optional()
      .describe('Id of the key in FIELD_KEYS that wraps new data keys (the others only unwrap).'),
    RETENTION: retention
      .prefault('')
      .describe(
        'Retention after closure per category, category=ISO 8601 duration pairs separated by commas: case-data (the ' +
          'trajectory and all recorded about it) and identity (its identifying fields); a category not named keeps ' +
          'P20Y. Read by the worker, whose daily job erases what has expired.',
      ),
    SIGNAL_RETENTION: positiveDuration
      .prefault('P2Y')
      .describe(
        'How long a signal that led to nothing (no trajectory started) is kept after it came, ISO 8601 (DOMAIN.md: ' +
          'two years, as the Verwijsindex). Read by the worker, whose daily retention job destroys what has expired.',
      ),
  })
  // Runs even when other variables failed, so that one start-up names every problem at once.
  .superRefine(
    (config, context) => {
      if (config.NODE_ENV === 'production' && URL.canParse(String(config.OIDC_ISSUER))) {
        const issuer = new URL(String(config.OIDC_ISSUER));
        const allowed = isLoopbackUrl(issuer) && config.OIDC_ALLOW_HTTP_LOOPBACK_ISSUER === true;
        if (issuer.protocol !== 'https:' && !allowed) {
          context.addIssue({
            code: 'custom',
            path: ['OIDC_ISSUER'],
            message:
              'must be an https:// URL with NODE_ENV=production: over plain HTTP, tokens and sign-ins can be read and ' +
              'forged on the way' +
              (isLoopbackUrl(issuer) && issuer.protocol === 'http:'
                ? ' (an http:// issuer on this host: set OIDC_ALLOW_HTTP_LOOPBACK_ISSUER=true)'
                : ''),
          });
        }
      }
      for (const ring of Object.values(KEY_RINGS)) {
        const keys = config[ring.keys] as unknown;
        const currentId = config[ring.currentId] as unknown;
        if (keys !== undefined && currentId === undefined) {
          context.addIssue({
            code: 'custom',
            path: [ring.currentId],
            message: `is required with ${ring.keys}: name the key that ${ring.newWrites}`,
          });
        }
        if (keys === undefined && currentId !== undefined) {
          context.addIssue({
            code: 'custom',
            path: [ring.keys],
            message: `is required with ${ring.currentId}: list the keys as id:base64key pairs`,
          });
        }
        if (keys instanceof KeyRing && typeof currentId === 'string' && !keys.has(currentId)) {
          context.addIssue({
            code: 'custom',
            path: [ring.currentId],
            message: `must be one of the ids in ${ring.keys} (${keys.ids.join(', ')})`,
          });
        }
      }
    },
    { when: () => true },
  );

export type AppConfig = z.infer<typeof configSchema>;

/** Names of every environment variable the apps read: docker-compose.yml is checked against this list. */
export const CONFIG_VARIABLES = Object.keys(configSchema.shape) as (keyof AppConfig)[];
