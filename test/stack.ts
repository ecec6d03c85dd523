import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@doorloop/config';
import { seedDemoData } from '@doorloop/persistence';
import { createApi } from '../apps/api/src/bootstrap';
import { WorkerModule } from '../apps/worker/src/worker.module';

export interface Stack {
  url: string;
  config: AppConfig;
  dataSource: DataSource;
  api: INestApplication;
  worker: INestApplicationContext;
  stop(): Promise<void>;
}

/**
 * The api and the worker as production builds them, on the real PostgreSQL and Temporal from global-setup. Each stack
 * gets its own task queue so that test files never share workers.
 */
export async function startStack(overrides: Partial<Record<keyof AppConfig, string>> = {}): Promise<Stack> {
  const config = loadConfig({ ...process.env, TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`, ...overrides });
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  await worker.init();
  let api: INestApplication;
  try {
    api = await createApi(config);
    await api.listen(0, '127.0.0.1');
  } catch (error) {
    await worker.close();
    throw error;
  }
  const dataSource = api.get(DataSource);
  await seedDemoData(dataSource);
  const url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url,
    config,
    dataSource,
    api,
    worker,
    async stop() {
      await api.close();
      await worker.close();
    },
  };
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A real HTTP request against the running api. */
export async function request<T = unknown>(
  stack: Stack,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}
