import type { AuditEntry } from '@doorloop/audit';
import type { AuditOutcome } from '@doorloop/contracts';
import type { Principal } from '../auth/principal';
import { API_PREFIX } from '../http/api-version';
import type { AuditRoute } from './audit.decorator';
import { purposeOf } from './purpose';

/** What a handler may add to its record: the ids of what it returned, the trajectory they belong to. */
export interface AuditDetails {
  readonly trajectoryId?: string | null;
  readonly objectIds?: readonly string[];
  /** A change accepted against a legal rule (issue 13): recorded as `override` instead of the route's `change`. */
  readonly action?: 'override';
}

/** The facts of one HTTP request the record is made from; plain data, so building a record needs no server. */
export interface RequestFacts {
  readonly method: string;
  /** The route template as Express matched it (`/api/v1/trajectories/:id`); undefined when no route matched. */
  readonly routePath: string | undefined;
  /** The path without the query string; recorded only when no route matched. */
  readonly path: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly principal: Principal | undefined;
  readonly purposeHeader: string | string[] | undefined;
  readonly requestId: string | null;
  readonly clientIp: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The most ids one record names (the schema's bound); a longer list is cut. */
export const MAX_OBJECT_IDS = 1000;
const TRAJECTORY_ROUTE = new RegExp(`^/${API_PREFIX}/trajectories/:id(/|$)`);

/**
 * Requests no route of the api answers, and routes without an Audit annotation, are recorded only when refused: 401,
 * 403, and 429 (the per-source budget refuses before any route is matched).
 */
export function mustRecord(route: AuditRoute | undefined, status: number): boolean {
  return route !== undefined || status === 401 || status === 403 || status === 429;
}

/** 401, 403 and 404 are refusals: out-of-scope objects answer 404 exactly like absent ones, on purpose. */
export function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'success';
  return [401, 403, 404, 429].includes(status) ? 'refused' : 'failed';
}

/**
 * The record of one request. The action is the route's, except that a 401 anywhere is a failed login, a 403 on a
 * route without audited data is a plain refusal, and a change the handler accepted against a legal rule is `override`. Ids come from what the handler said, else its result, else the path.
 */
export function buildAuditEntry(
  facts: RequestFacts,
  status: number,
  route: AuditRoute | undefined,
  details: AuditDetails = {},
  result?: unknown,
): AuditEntry {
  const fromResult = route ? detailsOfResult(route, result) : {};
  const fromRequest = route ? detailsOfRequest(route, facts) : {};
  const principal = facts.principal;
  return {
    action:
      status === 401 ? 'login-failed' : ((status < 400 ? details.action : undefined) ?? route?.action ?? 'refused'),
    userId: principal?.userId ?? null,
    username: principal?.username ?? null,
    organisationId: principal?.organisationId ?? null,
    role: principal?.role ?? null,
    onBehalfOf: principal?.onBehalfOf ?? null,
    trajectoryId: details.trajectoryId ?? fromRequest.trajectoryId ?? fromResult.trajectoryId ?? null,
    objectType: route?.object ?? null,
    objectIds: [...(details.objectIds ?? fromResult.objectIds ?? fromRequest.objectIds ?? [])].slice(0, MAX_OBJECT_IDS),
    purpose: purposeOf(principal, facts.purposeHeader),
    outcome: outcomeOf(status),
    httpStatus: status,
    route: routeLabel(facts),
    requestId: facts.requestId,
    clientIp: facts.clientIp,
  };
}

/** `GET /trajectories/{id}` in the notation of the OpenAPI document; the path itself when no route matched. */
export function routeLabel(facts: Pick<RequestFacts, 'method' | 'routePath' | 'path'>): string {
  const template = facts.routePath
    ?.replace(new RegExp(`^/${API_PREFIX}(?=/|$)`), '')
    .replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return `${facts.method} ${template || facts.path}`.slice(0, 300);
}

/**
 * Every route under `/trajectories/{id}` names its trajectory in the path, whatever its object (the identity, the
 * milestones): "who saw this child's name" is answered by trajectory. Other ids in the path name the object itself.
 */
function detailsOfRequest(route: AuditRoute, facts: RequestFacts): AuditDetails {
  const id = uuidOf(facts.params.id);
  const underTrajectory = route.object === 'trajectory' || TRAJECTORY_ROUTE.test(facts.routePath ?? '');
  return {
    trajectoryId: underTrajectory ? id : uuidOf(facts.query.trajectoryId),
    objectIds: id && route.object !== 'milestone' ? [id] : undefined,
  };
}

/** An object with an id is what was read or written; a list's items are what was found. */
function detailsOfResult(route: AuditRoute, result: unknown): AuditDetails {
  if (!isObject(result)) return {};
  if (Array.isArray(result.items)) {
    const items = result.items.filter(isObject);
    const trajectories = new Set(items.map((item) => uuidOf(item.trajectoryId)));
    return {
      objectIds: items.map((item) => uuidOf(item.id)).filter((id): id is string => id !== undefined),
      trajectoryId: trajectories.size === 1 ? [...trajectories][0] : undefined,
    };
  }
  const id = uuidOf(result.id);
  return {
    objectIds: id ? [id] : undefined,
    trajectoryId: route.object === 'trajectory' ? id : uuidOf(result.trajectoryId),
  };
}

function uuidOf(value: unknown): string | undefined {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
