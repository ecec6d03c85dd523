import type { ArgumentsHost } from '@nestjs/common';
import { NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ZodValidationException } from 'nestjs-zod';
import { z } from 'zod';
import { PROBLEM_CODES, PROBLEMS, problemSchema, type ProblemCode } from '@doorloop/contracts';
import { ProblemDetailsFilter } from './problem-details.filter';
import { ProblemError } from './problem';

/**
 * The statuses clients rely on, written out independently of PROBLEMS: a wrong entry in the map (a 409 turned 400)
 * fails here, and a new code fails until someone decides its status in both places.
 */
const EXPECTED_STATUS: Record<ProblemCode, number> = {
  'validation-failed': 400,
  'invalid-request': 400,
  unauthenticated: 401,
  'invalid-token': 401,
  forbidden: 403,
  'receiver-only': 403,
  'assignee-only': 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'acknowledge-instead': 409,
  'triage-instead': 409,
  'already-answered': 409,
  'task-claimed-by-colleague': 409,
  'change-refused': 409,
  'trajectory-ended': 409,
  'pseudonym-taken': 409,
  'region-not-configured': 409,
  'region-policy-invalid': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'too-many-requests': 429,
  'too-many-requests-from-source': 429,
  'too-many-identity-reads': 429,
  'internal-error': 500,
  'database-unavailable': 503,
  'audit-unavailable': 503,
  'dependency-unavailable': 503,
  'sign-in-unavailable': 503,
  'workflow-unavailable': 503,
  'not-yet-fired': 503,
};

interface Sent {
  status?: number;
  headers: Record<string, string>;
  type?: string;
  body?: unknown;
}

function respond(exception: unknown, request: Partial<Record<'method' | 'body' | 'query', unknown>> = {}): Sent {
  const sent: Sent = { headers: {} };
  const response = {
    status: (status: number) => ((sent.status = status), response),
    type: (type: string) => ((sent.type = type), response),
    set: (headers: Record<string, string>) => (Object.assign(sent.headers, headers), response),
    send: (body: string) => ((sent.body = JSON.parse(body)), response),
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ originalUrl: '/api/v1/tasks/1/claim?x=1', method: 'POST', body: {}, query: {}, ...request }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return sent;
}

describe('the problem codes', () => {
  it('decides a status for every code, and only error statuses', () => {
    expect(Object.keys(EXPECTED_STATUS).sort()).toEqual([...PROBLEM_CODES].sort());
    for (const code of PROBLEM_CODES) {
      expect(PROBLEMS[code].status).toBeGreaterThanOrEqual(400);
      expect(PROBLEMS[code].status).toBeLessThan(600);
      expect(PROBLEMS[code].title).not.toBe('');
    }
  });
});

describe('ProblemDetailsFilter', () => {
  it.each(Object.entries(EXPECTED_STATUS))('answers a thrown %s with %i', (code, status) => {
    const sent = respond(new ProblemError(code as ProblemCode, 'What to do about it.'));
    expect(sent.status).toBe(status);
    expect(sent.type).toBe('application/problem+json');
    expect(sent.body).toMatchObject({
      status,
      code,
      detail: 'What to do about it.',
      instance: '/api/v1/tasks/1/claim',
    });
    expect(problemSchema.safeParse(sent.body).success).toBe(true);
  });

  it('sends the headers the error carries', () => {
    const sent = respond(new ProblemError('database-unavailable', 'Again soon.', { headers: { 'Retry-After': '5' } }));
    expect(sent.headers).toEqual({ 'Retry-After': '5' });
  });

  it('names every invalid field with its own code', () => {
    const schema = z.strictObject({ birthDate: z.iso.date(), pseudonym: z.string(), note: z.string().max(3) });
    const body = { pseudonym: 7, note: 'long', extra: true };
    const sent = respond(new ZodValidationException(schema.safeParse(body).error), { body });
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({
      code: 'validation-failed',
      errors: expect.arrayContaining([
        expect.objectContaining({ in: 'body', field: 'birthDate', code: 'required' }),
        expect.objectContaining({ in: 'body', field: 'pseudonym', code: 'invalid-type' }),
        expect.objectContaining({ in: 'body', field: 'note', code: 'too-long' }),
        expect.objectContaining({ in: 'body', field: 'extra', code: 'unknown-field' }),
      ]) as unknown,
    });
  });

  it('gives the framework refusals a code', () => {
    expect(respond(new NotFoundException()).body).toMatchObject({ status: 404, code: 'not-found' });
    expect(respond(new ThrottlerException()).body).toMatchObject({ status: 429, code: 'too-many-requests' });
    const unparsable = Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    expect(respond(unparsable).body).toMatchObject({ status: 400, code: 'invalid-request' });
    // zlib's error for a body that is not what its Content-Encoding says, as the body parser passes it on.
    const undecompressable = Object.assign(new Error('Decompression failed'), { errno: -15, status: 400 });
    expect(respond(undecompressable).body).toMatchObject({ status: 400, code: 'invalid-request' });
  });

  it('answers anything unexpected with a 500 and a correlation id, never its message', () => {
    const sent = respond(new TypeError('secret internals'));
    expect(sent.status).toBe(500);
    expect(sent.body).toMatchObject({ code: 'internal-error', correlationId: expect.any(String) as unknown });
    expect(JSON.stringify(sent.body)).not.toContain('secret internals');
  });
});
