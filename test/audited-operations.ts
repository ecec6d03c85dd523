import type { OpenAPIObject } from '@nestjs/swagger';
import type { AuditRoute } from '../apps/api/src/audit/audit.decorator';

/**
 * The operations that deliberately write no audit record: they touch no trajectory or task data. Everything else
 * must: a new route is audited unless someone adds it here, on purpose and in review.
 */
export const UNAUDITED_OPERATIONS: readonly string[] = [
  'GET /health',
  'GET /health/live',
  'GET /organisations',
  'GET /municipalities',
  'GET /auth-configuration',
  'GET /me',
];

/**
 * What each audited operation records, written out by hand from docs/audit.md: the independent expectation that the
 * routes' `@Audit` annotations (`x-audit` in the document) and the records the api writes are checked against. A new
 * route needs a line here, on purpose and in review.
 */
export const EXPECTED_AUDIT: Readonly<Record<string, AuditRoute>> = {
  'GET /trajectories': { action: 'search', object: 'trajectory' },
  'POST /trajectories': { action: 'create', object: 'trajectory' },
  'GET /trajectories/{id}': { action: 'read', object: 'trajectory' },
  'GET /trajectories/{id}/milestones': { action: 'read', object: 'milestone' },
  'POST /trajectories/{id}/placements': { action: 'change', object: 'trajectory' },
  'POST /trajectories/{id}/court-measures': { action: 'change', object: 'trajectory' },
  'PUT /trajectories/{id}/court-measures/{courtMeasureId}': { action: 'change', object: 'trajectory' },
  'POST /trajectories/{id}/birth-date-corrections': { action: 'change', object: 'trajectory' },
  'POST /trajectories/{id}/partners': { action: 'change', object: 'trajectory' },
  'DELETE /trajectories/{id}/partners/{organisationId}': { action: 'change', object: 'trajectory' },
  'POST /trajectories/{id}/municipality-changes': { action: 'change', object: 'trajectory' },
  'POST /trajectories/{id}/pauses': { action: 'change', object: 'trajectory' },
  'POST /trajectories/{id}/placements/{placementId}/treatment-start': { action: 'change', object: 'trajectory' },
  'POST /trajectories/{id}/missing-episodes': { action: 'change', object: 'trajectory' },
  'POST /trajectories/{id}/missing-episodes/{episodeId}/return': { action: 'change', object: 'trajectory' },
  'POST /trajectories/{id}/resumptions': { action: 'change', object: 'trajectory' },
  'POST /trajectories/{id}/closure': { action: 'change', object: 'trajectory' },
  'POST /trajectories/{id}/legal-bases': { action: 'change', object: 'trajectory' },
  'POST /trajectories/{id}/handovers': { action: 'change', object: 'trajectory' },
  'POST /trajectories/{id}/reopenings': { action: 'change', object: 'trajectory' },
  'POST /signals': { action: 'create', object: 'signal' },
  'GET /signals': { action: 'search', object: 'signal' },
  'GET /signals/{id}': { action: 'read', object: 'signal' },
  'POST /signals/{id}/triage': { action: 'change', object: 'signal' },
  'GET /reports/annual': { action: 'export', object: 'report' },
  'GET /trajectories/{id}/identity': { action: 'read', object: 'identity' },
  'PUT /trajectories/{id}/identity': { action: 'change', object: 'identity' },
  'GET /tasks': { action: 'search', object: 'task' },
  'GET /tasks/{id}': { action: 'read', object: 'task' },
  'POST /tasks/{id}/claim': { action: 'change', object: 'task' },
  'POST /tasks/{id}/completion': { action: 'change', object: 'task' },
  'GET /handovers/{id}': { action: 'read', object: 'handover' },
  'POST /handovers/{id}/acknowledgement': { action: 'change', object: 'handover' },
  'GET /overdue-handovers': { action: 'search', object: 'task' },
  'GET /dashboard': { action: 'search', object: 'dashboard' },
  'GET /audit-records': { action: 'search', object: 'audit-record' },
  // Decrypted workflow payloads leave Doorloop for the Temporal UI: an export, though the protocol makes it a POST.
  'POST /temporal-codec/decode': { action: 'export', object: 'workflow-payload' },
};

export interface OperationToAudit {
  /** `GET /trajectories/{id}`: also the `route` its audit records carry. */
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  /** What the route's `@Audit` annotation says it records (`x-audit`); undefined when it is missing. */
  readonly audit: AuditRoute | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every operation of the document that must write an audit record, with what its annotation says it records. */
export function operationsToAudit(document: OpenAPIObject): OperationToAudit[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method] as (Record<string, unknown> & { 'x-audit'?: AuditRoute }) | undefined;
      const name = `${method.toUpperCase()} ${path}`;
      if (!operation || UNAUDITED_OPERATIONS.includes(name)) return [];
      return [{ operation: name, method: method.toUpperCase(), path, audit: operation['x-audit'] }];
    }),
  );
}
