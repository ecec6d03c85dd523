import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from './config.schema';

/**
 * Removed from every log line wherever a logging call puts them: credentials, and the identifying fields (name, BSN),
 * as a second line of defence behind the rule that nothing logs them at all. Field names at the top level and one level
 * down (`{ identity }`, `{ body: { bsn } }`). pino would redact its own `name` binding too, so the apps name
 * themselves with `service` instead.
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...['name', 'bsn', 'identity'].flatMap((field) => [field, `*.${field}`]),
];

/**
 * JSON logs through pino. Request logs carry method, route, status and timing, never bodies, query strings or paths:
 * the data is about minors, so what is not logged cannot leak. `destination` replaces stdout (tests capture the logs
 * with it).
 */
export function loggerParams(config: AppConfig, name: string, destination?: DestinationStream): Params {
  const options = {
    base: { pid: process.pid, hostname: hostname(), service: name },
    level: config.LOG_LEVEL,
    // Unique across replicas and restarts. The audit record and the log line carry it, and the client gets it as
    // X-Request-Id to quote, so the three can be matched.
    genReqId: (_req: unknown, res: { setHeader(name: string, value: string): unknown }) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    redact: { paths: REDACTED_LOG_PATHS, remove: true },
    serializers: {
      err: safeError,
      req: (req: { id: unknown; method: string }) => ({ id: req.id, method: req.method }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // The template of the route that answered (`/api/v1/tasks/:id`), not the path asked for: a client may put anything
    // in a path, a BSN included. Only once the response is written: pino-http asks at the start too, when at most a
    // middleware's catch-all has matched, and would then log two routes.
    customProps: (req: IncomingMessage & { route?: { path?: unknown } }, res: ServerResponse) =>
      res.writableEnded && typeof req.route?.path === 'string' ? { route: req.route.path } : {},
    autoLogging: { ignore: (req: { url?: string }) => req.url?.startsWith('/api/v1/health') ?? false },
  } satisfies Params['pinoHttp'];
  return { pinoHttp: destination ? [options, destination] : options };
}

/**
 * An error as the log may keep it: its type, message, stack and code, never the fields where libraries put the data a
 * statement was run with. TypeORM's QueryFailedError carries `query`, `parameters` and `driverError`, and PostgreSQL's
 * errors carry `detail`, `where` and `internalQuery`: whole outcomes and reasons, in clear. A database error keeps not
 * even its message and the stack's first line, as PostgreSQL quotes values there (`invalid input syntax for type uuid:
 * "…"`): its SQLSTATE and constraint say what went wrong.
 */
export function safeError(error: unknown, depth = 0): Record<string, unknown> {
  // Not `instanceof Error`: errors from another realm (a driver's, a test runner's sandbox) are errors too.
  if (!isRecord(error)) return { type: typeof error };
  const database = isDatabaseError(error);
  // pino-http hands its serialiser the error already copied into a plain object, its class name in `type`.
  const type = typeof error.type === 'string' ? error.type : error.constructor?.name;
  const safe: Record<string, unknown> = { type: type ?? 'Object' };
  if (!database && typeof error.message === 'string') safe.message = error.message;
  const stack = typeof error.stack === 'string' ? (database ? framesOf(error.stack) : error.stack) : undefined;
  if (stack) safe.stack = stack;
  const driver = database && isRecord(error.driverError) ? error.driverError : {};
  for (const key of SAFE_ERROR_FIELDS) {
    const value = driver[key] ?? error[key];
    if (typeof value === 'string' || typeof value === 'number') safe[key] = value;
  }
  if (error.cause !== undefined && depth < 3) safe.cause = safeError(error.cause, depth + 1);
  return safe;
}

/** Names, not values: the SQLSTATE or Node error code, the constraint, table and column PostgreSQL names. */
const SAFE_ERROR_FIELDS = ['code', 'errno', 'syscall', 'constraint', 'table', 'column', 'schema', 'routine'] as const;

function isDatabaseError(error: Record<string, unknown>): boolean {
  return (
    'query' in error ||
    'parameters' in error ||
    'driverError' in error ||
    ('severity' in error && ('detail' in error || 'where' in error || 'routine' in error))
  );
}

function framesOf(stack: string): string | undefined {
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length ? frames.join('\n') : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
