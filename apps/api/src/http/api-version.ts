import type { NextFunction, Request, Response } from 'express';

/** The major version in the URI (NL GOV API Design Rules): every route is under /api/v1. */
export const API_PREFIX = 'api/v1';

/** Semantic version of the published API document; NL GOV API Design Rules require it in every response. */
export const API_VERSION = '1.0.0';

export function apiVersionHeader(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('API-Version', API_VERSION);
  next();
}

/**
 * Every api answer is about a child or who may see her (case data, identity, audit records), or a refusal: no cache
 * between here and the user, nor the browser's, may keep one.
 */
export function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}
