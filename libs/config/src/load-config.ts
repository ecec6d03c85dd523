import { z } from 'zod';
import { configSchema, type AppConfig } from './config.schema';
import type { PayloadKeys } from './payload-keys';

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
 * Variables whose value may carry a credential: never echoed back. PAYLOAD_KEY_ID is not secret, but a key pasted into
 * the wrong variable would be.
 */
const SECRET_BEARING = new Set(['DATABASE_URL', 'PAYLOAD_KEYS', 'PAYLOAD_KEY_ID']);

function describeIssue(issue: z.core.$ZodIssue, present: Record<string, string | undefined>): string {
  const variable = issue.path.join('.');
  const given = present[variable];
  if (given === undefined) return `${variable}: ${issue.code === 'custom' ? issue.message : 'is required'}`;
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
export function requirePayloadKeys(config: Pick<AppConfig, 'PAYLOAD_KEYS' | 'PAYLOAD_KEY_ID'>): {
  keys: PayloadKeys;
  currentKeyId: string;
} {
  if (config.PAYLOAD_KEYS && config.PAYLOAD_KEY_ID && config.PAYLOAD_KEYS.has(config.PAYLOAD_KEY_ID)) {
    return { keys: config.PAYLOAD_KEYS, currentKeyId: config.PAYLOAD_KEY_ID };
  }
  const problems = [];
  if (!config.PAYLOAD_KEYS) {
    problems.push(
      'PAYLOAD_KEYS: is required to reach Temporal: every payload is encrypted (id:base64key pairs; npm start and npm ' +
        'test generate a key, production sets its own: see docs/deployment.md)',
    );
  }
  if (!config.PAYLOAD_KEY_ID) problems.push('PAYLOAD_KEY_ID: is required to reach Temporal: the id of the current key');
  else if (config.PAYLOAD_KEYS) problems.push('PAYLOAD_KEY_ID: must be one of the ids in PAYLOAD_KEYS');
  throw new ConfigError(problems);
}
