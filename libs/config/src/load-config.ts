import { z } from 'zod';
import { configSchema, type AppConfig } from './config.schema';

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

/** Variables whose value may carry a credential: never echoed back. */
const SECRET_BEARING = new Set(['DATABASE_URL']);

function describeIssue(issue: z.core.$ZodIssue, present: Record<string, string | undefined>): string {
  const variable = issue.path.join('.');
  const given = present[variable];
  if (given === undefined) return `${variable}: is required`;
  const value = SECRET_BEARING.has(variable) ? '…' : given;
  if (issue.code === 'invalid_value')
    return `${variable}: must be one of ${issue.values.map(String).join(', ')} (got "${value}")`;
  if (issue.code === 'invalid_type') return `${variable}: must be a ${issue.expected} (got "${value}")`;
  return `${variable}: ${issue.message} (got "${value}")`;
}

export function publicUrl(config: AppConfig): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}
