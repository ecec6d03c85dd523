import type { Problem } from './types';

export const API_BASE = '/api/v1';

/** An error answer of the api, with its problem details (RFC 9457) when it sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** The invalid fields of a 400, by field path (`placements[0].startDate`): the server's detail of each. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem?.errors ?? []).map((e) => [e.field, e.detail]));
  }
}

export type Query = Record<string, string | number | readonly string[] | undefined>;

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  delete<T>(path: string, query?: Query): Promise<T>;
}

/**
 * The api over fetch with the signed-in user's bearer token. A 401 means the token expired or was revoked:
 * `onUnauthorized` ends the session so the user signs in again.
 */
export function createApiClient(accessToken: () => string | null, onUnauthorized: () => void): ApiClient {
  async function send<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = accessToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${API_BASE}${path}${queryString(query)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      if (response.status === 401) onUnauthorized();
      throw new ApiError(response.status, parseProblem(text));
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    get: (path, query) => send('GET', path, undefined, query),
    post: (path, body) => send('POST', path, body),
    put: (path, body) => send('PUT', path, body),
    delete: (path, query) => send('DELETE', path, undefined, query),
  };
}

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseProblem(text: string): Problem | null {
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null && 'status' in parsed ? (parsed as Problem) : null;
  } catch {
    return null;
  }
}
