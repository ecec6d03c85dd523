import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@doorloop/config';
import { ApiModule } from '../../apps/api/src/api.module';
import { API_PREFIX, apiVersionHeader } from '../../apps/api/src/http/api-version';
import { securityHeaders } from '../../apps/api/src/http/security-headers';

/**
 * The api's module on Fastify instead of Express, for the adapter comparison of `npm run bench -- --only adapters`.
 * Everything between the adapter and the controllers is the same module; what apps/api/src/bootstrap.ts does the
 * Express way is done the Fastify way here, and the Express-only objects the audit trail reads are lent to it:
 * - JSON body limit 256 kB: Fastify's `bodyLimit` (its JSON parser is strict about content types already);
 * - no `x-powered-by`, strict routing: Fastify's defaults;
 * - the security headers (helmet), the API-Version header and the Nest middleware run through @fastify/middie on the
 *   raw request and response;
 * - `response.locals` (where the audit trail keeps its per-request state) is one object shared by the raw response the
 *   middleware sees and the reply the interceptor sees; `request.route.path` is Fastify's route URL;
 * - not set up: the web app's static files and the Swagger UI (both would need @fastify/static) and CORS (closed by
 *   default; the Temporal codec's), none of which the measured route uses.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const adapter = new FastifyAdapter({ bodyLimit: 256 * 1024 });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    const locals = {};
    Object.assign(reply, { locals });
    Object.assign(reply.raw, { locals });
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const route = { path: request.routeOptions.url };
    Object.assign(request, { route });
    Object.assign(request.raw, { route });
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.use(securityHeaders(config));
  app.use(apiVersionHeader);
  app.setGlobalPrefix(API_PREFIX);
  app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  await app.listen(config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
