import { z } from 'zod';
import { PAYLOAD_KEY_ID_PATTERN, PAYLOAD_KEY_ID_RULE, PayloadKeys } from './payload-keys';

const port = z.coerce.number().int().min(0).max(65535);
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const payloadKeys = z.string().transform((text, context) => {
  const parsed = PayloadKeys.parse(text);
  if (parsed.keys) return parsed.keys;
  for (const message of parsed.problems) context.addIssue({ code: 'custom', message });
  return z.NEVER;
});

/**
 * Every setting the api and the worker read, declared once with its validation, default and meaning.
 * `scripts/` (the embedded runtime) fills DATABASE_URL and TEMPORAL_ADDRESS for the apps when it starts its own servers,
 * and PAYLOAD_KEYS / PAYLOAD_KEY_ID outside production from a key it keeps in DATA_DIR.
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
    PAYLOAD_KEYS: payloadKeys
      .optional()
      .describe(
        'Keys of the Temporal payload codec (AES-256-GCM), comma-separated id:base64key pairs of 32-byte keys: the current ' +
          'one and every older one that histories may still hold. Required by the api and the worker, which refuse to ' +
          'reach Temporal without it; npm start and npm test generate one.',
      ),
    PAYLOAD_KEY_ID: z
      .string()
      .regex(PAYLOAD_KEY_ID_PATTERN, `must be ${PAYLOAD_KEY_ID_RULE}`)
      .optional()
      .describe('Id of the key in PAYLOAD_KEYS that encrypts new payloads (the others only decrypt).'),
  })
  // Runs even when other variables failed, so that one start-up names every problem at once.
  .superRefine(
    (config, context) => {
      const keys = config.PAYLOAD_KEYS as unknown;
      const currentId = config.PAYLOAD_KEY_ID as unknown;
      if (keys !== undefined && currentId === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['PAYLOAD_KEY_ID'],
          message: 'is required with PAYLOAD_KEYS: name the key that encrypts new payloads',
        });
      }
      if (keys === undefined && currentId !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['PAYLOAD_KEYS'],
          message: 'is required with PAYLOAD_KEY_ID: list the keys as id:base64key pairs',
        });
      }
      if (keys instanceof PayloadKeys && typeof currentId === 'string' && !keys.has(currentId)) {
        context.addIssue({
          code: 'custom',
          path: ['PAYLOAD_KEY_ID'],
          message: `must be one of the ids in PAYLOAD_KEYS (${keys.ids.join(', ')})`,
        });
      }
    },
    { when: () => true },
  );

export type AppConfig = z.infer<typeof configSchema>;

/** Names of every environment variable the apps read: docker-compose.yml is checked against this list. */
export const CONFIG_VARIABLES = Object.keys(configSchema.shape) as (keyof AppConfig)[];
