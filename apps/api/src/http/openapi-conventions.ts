import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { PROBLEM_CODES, PROBLEM_CONTENT_TYPE, PROBLEMS, problemSchema } from '@doorloop/contracts';
import { API_VERSION } from './api-version';

const ERRORS: Record<string, string> = {
  '400': 'Invalid request; `errors` lists every invalid field. Nothing was changed.',
  '404': 'Nothing at this address, or not visible to you.',
  '401': 'No valid access token: sign in and send it as a bearer token. WWW-Authenticate says what was wrong.',
  '403': 'Signed in, but your role may not do this.',
  '409': 'The request conflicts with the current state.',
  '413': 'The request body is too large.',
  '415': 'The request body is not JSON.',
  '429':
    'Too many requests in a short time: from your address (any request), or writes by you; send again after the ' +
    'seconds in Retry-After.',
  '500': 'Something went wrong on our side; quote the correlation id.',
  '503': 'A service this api needs (the database, Temporal or the sign-in service) does not answer; try again later.',
};

/** The codes a problem of this status may carry, from the one map, so the document lists what a client must handle. */
function codesOf(status: string): string {
  const codes = PROBLEM_CODES.filter((code) => String(PROBLEMS[code].status) === status);
  return `\`code\`: ${codes.map((code) => `\`${code}\``).join(', ')}.`;
}

/** Response headers that come with some problems. */
const PROBLEM_HEADERS: Record<string, string[]> = { '401': ['WWW-Authenticate'], '429': ['Retry-After'] };

/**
 * The conventions every operation shares, applied in one place instead of on each controller: the API-Version header
 * on every success (NL GOV API Design Rules), the problem+json error responses the global filter can produce, and an
 * explicit empty `security` on public operations.
 */
export function applyApiConventions(document: OpenAPIObject): OpenAPIObject {
  const components = document.components ?? {};
  components.schemas = {
    ...components.schemas,
    Problem: z.toJSONSchema(problemSchema, { target: 'openapi-3.0' }) as never,
  };
  components.headers = {
    ...components.headers,
    'API-Version': { description: 'The full version of this API.', schema: { type: 'string', example: API_VERSION } },
    'WWW-Authenticate': {
      description: 'The bearer challenge (RFC 6750), with error="invalid_token" when a token was sent but refused.',
      schema: { type: 'string', example: 'Bearer realm="doorloop", error="invalid_token"' },
    },
    'Retry-After': { description: 'Seconds to wait before sending again.', schema: { type: 'integer' } },
  };
  const problem = (status: string, description: string) => ({
    description: `${description} ${codesOf(status)}`,
    headers: Object.fromEntries(
      ['API-Version', ...(PROBLEM_HEADERS[status] ?? [])].map((name) => [
        name,
        { $ref: `#/components/headers/${name}` },
      ]),
    ),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
  });
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (response && /^[23]\d\d$/.test(status) && !('$ref' in response)) {
          response.headers = { ...response.headers, 'API-Version': { $ref: '#/components/headers/API-Version' } };
        }
      }
      const hasBody = method === 'post' || method === 'put' || method === 'patch';
      // Allow() marks an operation with the bearer scheme; one without security is public (no 401 or 403).
      const secured = (operation.security ?? []).length > 0;
      operation.security ??= [];
      const applicable = [
        '400',
        '500',
        ...(path.includes('{') ? ['404'] : []),
        ...(hasBody ? ['409', '413', '415'] : []),
        ...(secured ? ['401', '403', '503'] : []),
        // The per-source budget counts every request, before its token is looked at.
        '429',
      ];
      for (const status of applicable) {
        const documented = operation.responses[status];
        operation.responses[status] =
          documented && !('$ref' in documented)
            ? problem(status, documented.description ?? ERRORS[status])
            : problem(status, ERRORS[status]);
      }
    }
  }
  return { ...document, components };
}
