import type { NextFunction, Request, Response } from 'express';
import { ProblemError } from './problem';

/**
 * A body the api cannot read — not JSON, compressed wrongly or in an encoding it does not know, in another charset,
 * too large — is the sender's mistake: a 400, 413 or 415 problem, never a 500. The answer says what is wrong with the
 * body and repeats none of it: the parser's own messages quote the text they choked on, and that text may be a
 * person's words.
 */
export function unreadableBody(error: BodyReadError): ProblemError {
  switch (error.type) {
    case 'entity.too.large':
      return new ProblemError('payload-too-large', 'The request body is too large: at most 256 kB, decompressed.');
    case 'encoding.unsupported':
      return new ProblemError(
        'unsupported-media-type',
        'The request body is compressed in a way the api does not read: send it uncompressed, or as gzip, deflate or br.',
      );
    case 'charset.unsupported':
      return new ProblemError('unsupported-media-type', 'The request body must be JSON in UTF-8.');
    case 'entity.parse.failed':
      return new ProblemError('invalid-request', 'The request body is not valid JSON.');
    case undefined:
      return new ProblemError(
        'invalid-request',
        'The request body cannot be decompressed as its Content-Encoding says: send it uncompressed or encoded correctly.',
      );
    default:
      return new ProblemError('invalid-request', 'The request body could not be read: send it again, complete.');
  }
}

/**
 * What Express's JSON body parser passes on when it cannot read a body: its own refusals (http-errors with a `type`,
 * such as `entity.parse.failed`) and the errors of the decompression stream it reads through (zlib's, with an `errno`,
 * which it only gives the status 400).
 */
export interface BodyReadError {
  status: number;
  type?: string;
}

export function isBodyReadError(error: unknown): error is BodyReadError {
  if (typeof error !== 'object' || error === null) return false;
  const { status, type, errno } = error as { status?: unknown; type?: unknown; errno?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return false;
  return typeof type === 'string' || (typeof errno === 'number' && status === 400);
}

/**
 * Registered right after the body parser, so that what it refuses becomes a problem before anything else sees it.
 * Nest hands an error from Express middleware to the problem filter, but first turns a `SyntaxError` — the parser's
 * refusal of text that is not JSON — into a 400 whose message is the parser's, quoting the body; a ProblemError it
 * passes on untouched.
 */
export function refuseUnreadableBodies(error: unknown, _request: Request, _response: Response, next: NextFunction) {
  next(isBodyReadError(error) ? unreadableBody(error) : error);
}
