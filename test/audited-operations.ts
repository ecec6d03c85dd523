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
