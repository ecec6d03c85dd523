import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { UserRole } from '@doorloop/contracts';
import { UserRepository, type UserEntity } from '@doorloop/persistence';
import { ProblemError } from '../http/problem';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './access.decorators';
import { AccessTokenVerifier, InvalidTokenError, IssuerUnavailableError } from './access-token-verifier';
import type { Principal } from './principal';

const REALM = 'doorloop';

/**
 * Every request passes here first (APP_GUARD): `@Public()` routes go through; any other needs a valid bearer token of
 * a user in the users table (401 otherwise) whose role the route's `@Allow(...)` names (403 otherwise). A route that
 * declares neither is refused for everyone. The verified user becomes `request.principal`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    @Inject(AccessTokenVerifier) private readonly verifier: AccessTokenVerifier,
    private readonly users: UserRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const principal = await this.authenticate(request);
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    if (!allowed.includes(principal.role)) {
      throw new ProblemError('forbidden', `The role ${principal.role} may not do this.`);
    }
    return true;
  }

  private async authenticate(request: Request): Promise<Principal> {
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      throw new ProblemError('unauthenticated', 'Sign in and send the access token as Authorization: Bearer <token>.', {
        headers: { 'WWW-Authenticate': `Bearer realm="${REALM}"` },
      });
    }
    try {
      const { username, onBehalfOf } = await this.verifier.verify(token);
      const user = await this.users.findByUsername(username);
      if (!user) throw new InvalidTokenError('The access token names no user of Doorloop.');
      return principalOf(user, onBehalfOf);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw invalidToken(error.reason);
      if (error instanceof IssuerUnavailableError) {
        this.logger.error({ err: error.cause }, 'The OIDC issuer is unavailable; nobody can be verified');
        throw new ProblemError(
          'sign-in-unavailable',
          'Access tokens cannot be verified right now: the sign-in service does not answer. Try again shortly.',
          { headers: { 'Retry-After': '10' } },
        );
      }
      throw error;
    }
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}

/** RFC 6750, section 3: the challenge says why, so a client knows to sign in again rather than retry. */
function invalidToken(reason: string): ProblemError {
  return new ProblemError('invalid-token', reason, {
    headers: { 'WWW-Authenticate': `Bearer realm="${REALM}", error="invalid_token", error_description="${reason}"` },
  });
}

/** The principal of a signed-in user (the medium tests build theirs with it too). */
export function principalOf(user: UserEntity, onBehalfOf: string | null): Principal {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    regionId: user.regionId,
    organisationId: user.organisationId,
    municipalityCodes: user.municipalityCodes,
    onBehalfOf,
  };
}
