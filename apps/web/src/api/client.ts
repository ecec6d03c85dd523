import { problemSchema, type FieldErrorCode, type Problem } from '@doorloop/contracts';
import type { Method, PathFor, RequestArgs, ResponseOf } from './routes';

const API_BASE = '/api/v1';

/** An error answer of the api, with its problem details (RFC 9457) when it sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** The invalid fields of a 400, by field path (`placements[0].startDate`): the code of each, for the user's language. */
  get fieldErrors(): Record<string, FieldErrorCode> {
    return Object.fromEntries((this.problem?.errors ?? []).map((e) => [e.field, e.code]));
  }
}

type Call<M extends Method> = <P extends PathFor<M>>(
  path: P,
  ...request: RequestArgs<P, M>
) => Promise<ResponseOf<P, M>>;

/**
 * The api's routes (routes.ts), typed by the contract: `api.get('/trajectories/{id}', { params: { id } })` answers a
 * `Trajectory`; a route's body and query are checked against its request schema's type.
 */
export interface ApiClient {
  get: Call<'get'>;
  post: Call<'post'>;
  put: Call<'put'>;
  delete: Call<'delete'>;
  /** The annual report as CSV (`Accept: text/csv`), for a download. */
  reportCsv: (query: { year: number; municipalityCode?: string }) => Promise<Blob>;
}

/**
 * The api over fetch with the signed-in user's bearer token. A 401 means the token expired or was revoked:
 * `onUnauthorized` ends the session so the user signs in again.
 */
export function createApiClient(accessToken: () => string | null, onUnauthorized: () => void): ApiClient {
  async function send(method: Method, template: string, request?: RouteRequest): Promise<unknown> {
    const { params = {}, query, body } = request ?? {};
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = accessToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${API_BASE}${path}${queryString(query)}`, {
      method: method.toUpperCase(),
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      if (response.status === 401) onUnauthorized();
      throw new ApiError(response.status, parseProblem(text));
    }
    return text ? JSON.parse(text) : undefined;
  }
  // The one place a response gets its type: the route table names what the api answers on each route, and the api
  // writes every answer through that very schema (ZodResponse), so the body is not parsed a second time here.
  const call =
    <M extends Method>(method: M): Call<M> =>
    (path, ...[request]) =>
      send(method, path, request) as Promise<ResponseOf<typeof path, M>>;
  async function reportCsv(query: { year: number; municipalityCode?: string }): Promise<Blob> {
    const token = accessToken();
    const headers: Record<string, string> = { accept: 'text/csv' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${API_BASE}/reports/annual${queryString(query)}`, { headers });
    if (!response.ok) {
      if (response.status === 401) onUnauthorized();
      throw new ApiError(response.status, parseProblem(await response.text()));
    }
    return response.blob();
  }
  return { get: call('get'), post: call('post'), put: call('put'), delete: call('delete'), reportCsv };
}

/** A request as `send` reads it: the route's types are checked where it is called. */
interface RouteRequest {
  params?: Record<string, string>;
  query?: unknown;
  body?: unknown;
}

/** A route's query (its type checked by the route table) as `?status=open,claimed&limit=50`; empty values left out. */
function queryString(query: unknown): string {
  if (typeof query !== 'object' || query === null) return '';
  const params = new URLSearchParams();
  const entries: [string, unknown][] = Object.entries(query);
  for (const [key, value] of entries) {
    if (Array.isArray(value)) params.set(key, value.join(','));
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (value !== '') params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The problem details of an error answer, when they are the contract's (a proxy's HTML page is not). */
function parseProblem(text: string): Problem | null {
  try {
    const parsed = problemSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
