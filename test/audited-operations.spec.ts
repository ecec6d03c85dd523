import type { OpenAPIObject } from '@nestjs/swagger';
import { EXPECTED_AUDIT, UNAUDITED_OPERATIONS, operationsToAudit } from './audited-operations';
import { previewOpenApiDocument } from '../apps/api/src/openapi-preview';

/** The static half of "every route writes its record": every route that must be audited is annotated to be. */
describe('audited operations', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    document = await previewOpenApiDocument();
  }, 60_000);

  it('annotates every operation outside the deliberate exceptions with @Audit', () => {
    const operations = operationsToAudit(document);
    expect(operations.map((o) => o.operation)).toEqual(
      expect.arrayContaining(['POST /trajectories', 'GET /trajectories/{id}', 'GET /tasks', 'GET /audit-records']),
    );
    expect(operations.filter((o) => o.audit === undefined).map((o) => o.operation)).toEqual([]);
  });

  it('annotates none of the exceptions', () => {
    const annotated = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => typeof operation === 'object' && operation !== null && 'x-audit' in operation)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(annotated.filter((operation) => UNAUDITED_OPERATIONS.includes(operation))).toEqual([]);
  });

  it('annotates every audited operation with the action and object the hand-written table expects', () => {
    const operations = operationsToAudit(document);
    expect(operations.map((o) => o.operation).sort()).toEqual(Object.keys(EXPECTED_AUDIT).sort());
    const annotated = Object.fromEntries(operations.map(({ operation, audit }) => [operation, audit]));
    expect(annotated).toEqual(EXPECTED_AUDIT);
  });
});
