import type { Params } from 'nestjs-pino';
import type { AppConfig } from './config.schema';

/**
 * JSON logs through pino. Request logs carry method, route, status and timing, never bodies or query strings: the data
 * is about minors, so what is not logged cannot leak. Credentials are redacted.
 */
export function loggerParams(config: AppConfig, name: string): Params {
  return {
    pinoHttp: {
      name,
      level: config.LOG_LEVEL,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], remove: true },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: () => ({ service: name }),
      autoLogging: { ignore: (req) => req.url?.startsWith('/api/v1/health') ?? false },
    },
  };
}
