import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '@doorloop/config';
import { ApiModule } from './api.module';
import { BEARER_SCHEME } from './auth/access.decorators';
import { API_PREFIX, API_VERSION, apiVersionHeader, noStore } from './http/api-version';
import { applyApiConventions } from './http/openapi-conventions';
import { securityHeaders } from './http/security-headers';
import { refuseUnreadableBodies } from './http/unreadable-body';
import { temporalCodecCors } from './temporal-codec/temporal-codec.cors';
import { serveWebApp } from './web/web-app';

export { API_PREFIX };

/**
 * Builds the api exactly as production runs it; the e2e tests boot it through here too (and may send its logs to a
 * `logDestination` of their own).
 */
export async function createApi(config: AppConfig, logDestination?: DestinationStream): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, logDestination), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '256kb', strict: true });
  app.use(refuseUnreadableBodies);
  app.disable('x-powered-by');
  app.use(securityHeaders(config));
  serveWebApp(app);
  // Closed unless origins are named: a browser on another origin gets no CORS headers and cannot read responses.
  if (config.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: config.CORS_ORIGINS,
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type'],
      exposedHeaders: ['API-Version', 'Location', 'Retry-After', 'WWW-Authenticate'],
      maxAge: 600,
    });
  }
  app.set('strict routing', true);
  app.use(apiVersionHeader);
  app.use(`/${API_PREFIX}`, noStore);
  app.enableCors(temporalCodecCors(`/${API_PREFIX}/temporal-codec`, config.TEMPORAL_UI_URL));
  app.setGlobalPrefix(API_PREFIX);
  app.enableShutdownHooks(['SIGINT', 'SIGTERM']);

  const document = openApiDocument(app);
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, {
    jsonDocumentUrl: `${API_PREFIX}/openapi.json`,
    yamlDocumentUrl: `${API_PREFIX}/openapi.yaml`,
    customSiteTitle: 'Doorloop API',
  });
  return app;
}

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Doorloop API')
    .setDescription(
      'Integrated trajectories for young victims of sexual exploitation, across chain partners and across the 18th birthday.',
    )
    .setOpenAPIVersion('3.1.0')
    .setVersion(API_VERSION)
    .setContact('Doorloop', 'https://github.com/doorloop', 'beheer@doorloop.example')
    .addServer(`/${API_PREFIX}`)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'An OpenID Connect access token of the configured issuer (GET /auth-configuration says which), for a user of ' +
          'the users table.',
      },
      BEARER_SCHEME,
    )
    .build();
  return applyApiConventions(
    cleanupOpenApiDoc(SwaggerModule.createDocument(app, config, { ignoreGlobalPrefix: true })),
  );
}
