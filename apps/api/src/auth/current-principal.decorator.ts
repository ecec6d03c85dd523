import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemError } from '../http/problem';
import type { Principal } from './principal';

/** The signed-in user of the request, as the auth guard resolved them. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<Request>().principal;
  // Only a route marked Public reaches its handler without one, and such a route does not ask for it.
  if (principal === undefined) throw new ProblemError('unauthenticated', 'Sign in to use this.');
  return principal;
});
