import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@doorloop/config';
import { ApiModule } from './api.module';
import { API_PREFIX, openApiDocument } from './bootstrap';

/**
 * The api document without running anything: preview mode resolves the modules without instantiating providers, so
 * it needs no database, Temporal or issuer (the addresses below are never dialled).
 */
export async function previewOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ DATABASE_URL: 'postgres://preview@127.0.0.1/none', TEMPORAL_ADDRESS: '127.0.0.1:1' });
  const app = await NestFactory.create(ApiModule.forRoot(config), { preview: true, logger: false });
  app.setGlobalPrefix(API_PREFIX);
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}
