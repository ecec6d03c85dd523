import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@doorloop/config';
import { ReferenceDataRepository, seedDemoData } from '@doorloop/persistence';
import { createApi } from '../apps/api/src/bootstrap';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { readIssuerRuntime, requestLocalToken } from '../scripts/lib/local-issuer-runtime';
import { forAllTests } from './for-all-tests';

export interface Stack {
  url: string;
  config: AppConfig;
  dataSource: DataSource;
  api: INestApplication;
  worker: INestApplicationContext;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Append the JSON log lines of api and worker to this file (at LOG_LEVEL) instead of stdout. */
  logFile?: string;
  /** Port for the api; any free one by default. The browser tests need PUBLIC_URL's, where the issuer sends back. */
  port?: number;
}

/**
 * The api and the worker as production builds them, on the real PostgreSQL and Temporal from global-setup. Each stack
 * gets its own task queue so that test files never share workers.
 */
export async function startStack(
  overrides: Partial<Record<keyof AppConfig, string>> = {},
  { logFile, port = 0 }: StackOptions = {},
): Promise<Stack> {
  const config = loadConfig({ ...process.env, TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`, ...overrides });
  const logs = logFile ? pino.destination({ dest: logFile, append: true, sync: true }) : undefined;
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logs), { logger: false });
  if (logs) worker.useLogger(worker.get(Logger));
  await worker.init();
  let api: INestApplication;
  try {
    api = await createApi(config, logs);
    await api.listen(port, '127.0.0.1');
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
      logs?.end();
    },
  };
}

/**
 * A stack (`startStack`) for all the tests of the describe block that calls this: started before the first, stopped
 * after the last. Read it with the returned function: `const sut = stackForAllTests(); … request(sut(), …)`.
 */
export function stackForAllTests(...args: Parameters<typeof startStack>): () => Stack {
  return forAllTests(async (onTeardown) => {
    const stack = await startStack(...args);
    onTeardown(() => stack.stop());
    return stack;
  });
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** What a request sends: its method, its path on the api, a body (JSON, unless a string) and more headers. */
export type Sent = [method: string, path: string, body?: unknown, headers?: Record<string, string>];

/** A real HTTP request against the running api, without a token (see `requestAs` for a signed-in one). */
export async function request<T = unknown>(
  stack: Stack,
  ...[method, path, body, headers = {}]: Sent
): Promise<JsonResponse<T>> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Access tokens of this test file by username; jest gives every test file its own copy of this module. */
const tokens = new Map<string, Promise<{ accessToken: string; expiresAt: number }>>();

/**
 * A real access token for `username` from the test run's OIDC issuer (test/global-setup.ts), asked at its token
 * endpoint once per file and again shortly before it expires.
 */
export async function tokenFor(username: string): Promise<string> {
  const cached = await tokens.get(username)?.catch(() => undefined);
  if (cached && cached.expiresAt - Date.now() > 60_000) return cached.accessToken;
  const fresh = (async () => {
    const runtime = await readIssuerRuntime(process.env.DATA_DIR ?? '');
    if (!runtime) throw new Error('No OIDC issuer runtime file in DATA_DIR: is test/global-setup.ts the global setup?');
    const { accessToken, expiresIn } = await requestLocalToken(runtime, username);
    return { accessToken, expiresAt: Date.now() + expiresIn * 1000 };
  })();
  tokens.set(username, fresh);
  return (await fresh).accessToken;
}

/** A real HTTP request as `username`, signed in through the OIDC issuer like any client of the api. */
export async function requestAs<T = unknown>(
  stack: Stack,
  username: string,
  ...[method, path, body, headers = {}]: Sent
): Promise<JsonResponse<T>> {
  return request<T>(stack, method, path, body, { authorization: `Bearer ${await tokenFor(username)}`, ...headers });
}

/**
 * `requestAs` on the stack that `stack` gives when a request is sent, e.g. one of `stackForAllTests`:
 * `const as = requestsAs(sut); … await as('coordinator', 'GET', '/api/v1/tasks')`.
 */
export function requestsAs(stack: () => Stack) {
  return <T = unknown>(username: string, ...sent: Sent): Promise<JsonResponse<T>> =>
    requestAs<T>(stack(), username, ...sent);
}

/** The id of the demo region the seed makes (the demo users' region). */
export async function demoRegionId(stack: Stack): Promise<string> {
  const [{ id }] = await stack.dataSource.query<{ id: string }[]>(`SELECT id FROM regions WHERE code = 'demo'`);
  return id;
}

/** The organisations of the demo region. */
export async function demoOrganisations(stack: Stack) {
  return stack.api.get(ReferenceDataRepository).listOrganisations(await demoRegionId(stack));
}

/** The demo region's organisations by role (the municipalities' own organisations left out). */
export async function organisationsByRole(stack: Stack): Promise<Record<string, string>> {
  const organisations = await demoOrganisations(stack);
  return Object.fromEntries(organisations.filter((o) => o.role !== 'municipality').map((o) => [o.role, o.id]));
}
