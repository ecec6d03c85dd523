import type { OpenAPIObject } from '@nestjs/swagger';
import { UNAUDITED_OPERATIONS, operationsToAudit } from './audited-operations';
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

  it('lists reads as read, search or export and writes as create, change or export', () => {
    const mismatched = operationsToAudit(document).filter(({ method, audit }) => {
      // A POST may export too: the Temporal codec decodes payloads for display outside Doorloop (protocol: POST).
      const expected = method === 'GET' ? ['read', 'search', 'export'] : ['create', 'change', 'export'];
      return !expected.includes(audit?.action ?? '');
    });
    expect(mismatched).toEqual([]);
  });
});
