import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { PROBLEMS } from '@doorloop/contracts';
import { ProblemError } from './problem';
import { isBodyReadError, refuseUnreadableBodies, unreadableBody } from './unreadable-body';

const CANARY = 'Demo Lichaamskanarie 7F3K';

/** An error as body-parser passes it on (http-errors: a status, a type, and for a parse failure the body itself). */
const parserError = (status: number, type: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`refused: ${CANARY}`), { status, statusCode: status, expose: true, type, ...extra });

/** zlib's own error for bytes that are not what their encoding says, as body-parser passes it on: status 400 added. */
function zlibError(decompress: (bytes: Buffer) => Buffer): Error {
  try {
    decompress(Buffer.from(`not compressed: ${CANARY}`));
  } catch (error) {
    return Object.assign(error as Error, { status: 400, statusCode: 400, expose: true });
  }
  throw new Error('the bytes decompressed after all');
}

describe('a body the api cannot read', () => {
  it.each([
    ['not JSON', parserError(400, 'entity.parse.failed', { body: `{"wishes": ${CANARY}}` }), 400, 'invalid-request'],
    ['too large', parserError(413, 'entity.too.large', { limit: 262144 }), 413, 'payload-too-large'],
    ['in an unknown Content-Encoding', parserError(415, 'encoding.unsupported'), 415, 'unsupported-media-type'],
    ['in a charset other than UTF-8', parserError(415, 'charset.unsupported'), 415, 'unsupported-media-type'],
    ['cut off', parserError(400, 'request.aborted'), 400, 'invalid-request'],
    ['malformed gzip', zlibError(gunzipSync), 400, 'invalid-request'],
    ['malformed br', zlibError(brotliDecompressSync), 400, 'invalid-request'],
  ])('%s is refused with %i, repeating nothing of the body', (_what, error, status, code) => {
    expect(isBodyReadError(error)).toBe(true);
    const problem = unreadableBody(error as never);
    expect({ code: problem.code, status: PROBLEMS[problem.code].status }).toEqual({ code, status });
    expect(problem.detail).not.toContain('Lichaamskanarie');
    expect(problem.detail).not.toContain('refused');
  });

  it('leaves every other error to the problem filter as it is', () => {
    const others = [
      new TypeError('broken'),
      new ProblemError('not-found', 'Nothing here.'),
      Object.assign(new Error('connection refused'), { errno: -111, code: 'ECONNREFUSED' }),
      Object.assign(new Error('server fault'), { status: 500, type: 'entity.verify.failed' }),
      null,
      'a string',
    ];
    for (const error of others) {
      expect(isBodyReadError(error)).toBe(false);
      const next = jest.fn();
      refuseUnreadableBodies(error, {} as never, {} as never, next);
      expect(next).toHaveBeenCalledWith(error);
    }
  });

  it('hands the parser’s refusal on as a problem, so that Nest does not make a 400 of its message', () => {
    const next = jest.fn();
    const syntaxError = Object.assign(new SyntaxError(`Unexpected token 'D', "${CANARY}" is not valid JSON`), {
      status: 400,
      type: 'entity.parse.failed',
      body: CANARY,
    });
    refuseUnreadableBodies(syntaxError, {} as never, {} as never, next);
    const [passed] = next.mock.calls[0] as [unknown];
    expect(passed).toBeInstanceOf(ProblemError);
    expect(passed).toMatchObject({ code: 'invalid-request', detail: 'The request body is not valid JSON.' });
  });
});
