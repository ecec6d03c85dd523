import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * Every setting the api and the worker read, declared once with its validation, default and meaning.
 * `scripts/` (the embedded runtime) fills DATABASE_URL and TEMPORAL_ADDRESS for the apps when it starts its own servers.
 */
export const configSchema = z.object({
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
  PUBLIC_URL: z.url().optional().describe('Public base URL of the api, used in links (default http://localhost:PORT).'),
  TEMPORAL_UI_URL: z.url().optional().describe('Temporal Web UI URL, printed and linked for operators.'),
  WORKFLOW_BUNDLE_PATH: z
    .string()
    .min(1)
    .optional()
    .describe('Prebuilt workflow bundle for the worker (default dist/workflow-bundle.js).'),
});

export type AppConfig = z.infer<typeof configSchema>;

/** Names of every environment variable the apps read: docker-compose.yml is checked against this list. */
export const CONFIG_VARIABLES = Object.keys(configSchema.shape) as (keyof AppConfig)[];
