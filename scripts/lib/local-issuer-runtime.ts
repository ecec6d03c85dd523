import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Grant type of the local issuer only: a token for a username, asked by the confidential token client. */
export const LOCAL_USER_GRANT_TYPE = 'urn:doorloop:params:oauth:grant-type:local-user';

/**
 * Where a running local issuer can be reached, and with which client credentials a token for a user is asked: written
 * by whoever starts the issuer (npm start, the test setup) into DATA_DIR, removed when it stops.
 */
export interface LocalIssuerRuntime {
  issuer: string;
  clientId: string;
  clientSecret: string;
  pid: number;
}

const RUNTIME_FILE = 'oidc-issuer.json';

export function runtimeFile(dataDir: string): string {
  return join(dataDir, RUNTIME_FILE);
}

/** Mode 0600: the client secret in it gets a token for any user. */
export async function writeIssuerRuntime(dataDir: string, runtime: LocalIssuerRuntime): Promise<void> {
  await writeFile(runtimeFile(dataDir), `${JSON.stringify(runtime, null, 2)}\n`, { mode: 0o600 });
}

export async function removeIssuerRuntime(dataDir: string): Promise<void> {
  await rm(runtimeFile(dataDir), { force: true });
}

export async function readIssuerRuntime(dataDir: string): Promise<LocalIssuerRuntime | undefined> {
  const file = runtimeFile(dataDir);
  if (!existsSync(file)) return undefined;
  return JSON.parse(await readFile(file, 'utf8')) as LocalIssuerRuntime;
}

/** Why no token could be had, in words for the person who asked. */
export class LocalTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalTokenError';
  }
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

/**
 * A real access token for `username` from the local issuer's token endpoint (found through its discovery document),
 * signed by the issuer like every other token it hands out.
 */
export async function requestLocalToken(runtime: LocalIssuerRuntime, username: string): Promise<IssuedToken> {
  let tokenEndpoint: string;
  try {
    const discovery = await fetch(`${runtime.issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5000),
    });
    if (!discovery.ok) throw new Error(`it answered ${discovery.status}`);
    tokenEndpoint = ((await discovery.json()) as { token_endpoint: string }).token_endpoint;
  } catch (error) {
    throw new LocalTokenError(
      `The local OIDC issuer at ${runtime.issuer} does not answer (${error instanceof Error ? error.message : String(error)}). ` +
        'Is npm start still running?',
    );
  }
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    signal: AbortSignal.timeout(10_000),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(runtime.clientId)}:${encodeURIComponent(runtime.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: LOCAL_USER_GRANT_TYPE, username }),
  });
  const body = (await response.json()) as {
    access_token?: string;
    expires_in?: number;
    error?: string;
    error_description?: string;
  };
  if (!response.ok || !body.access_token) {
    if (body.error === 'invalid_grant') throw new LocalTokenError(`There is no user "${username}" in the users table.`);
    throw new LocalTokenError(
      `The issuer refused: ${body.error ?? response.status}${body.error_description ? ` (${body.error_description})` : ''}`,
    );
  }
  return { accessToken: body.access_token, expiresIn: body.expires_in ?? 0 };
}
