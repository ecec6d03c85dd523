import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { UserRole } from '@doorloop/contracts';

export const ALLOWED_ROLES = 'doorloop:allowed-roles';
export const PUBLIC_ROUTE = 'doorloop:public-route';
/** Name of the bearer-token security scheme in the OpenAPI document. */
export const BEARER_SCHEME = 'bearer';

/**
 * The roles that may call a route (on a controller or a handler; the handler's wins). A route that names neither
 * `Allow` nor `Public` is refused for everyone: access is declared, never assumed. The OpenAPI document marks the
 * route as needing a bearer token.
 */
export const Allow = (...roles: UserRole[]) =>
  applyDecorators(SetMetadata(ALLOWED_ROLES, roles), ApiBearerAuth(BEARER_SCHEME));

/** A route anyone may call without a token: health, the API document, the sign-in configuration. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
