import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import type { AppConfig } from '@doorloop/config';
import { ApiModule } from './api.module';
import { API_VERSION, apiVersionHeader } from './http/api-version';
import { applyApiConventions } from './http/openapi-conventions';

export const API_PREFIX = 'api/v1';

/** Builds the api exactly as production runs it; the e2e tests boot it through here too. */
export async function createApi(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '256kb', strict: true });
  app.disable('x-powered-by');
  app.set('strict routing', true);
  app.use(apiVersionHeader);
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
    .build();
  return applyApiConventions(
    cleanupOpenApiDoc(SwaggerModule.createDocument(app, config, { ignoreGlobalPrefix: true })),
  );
}
