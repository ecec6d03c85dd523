import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { APP_CONFIG, requireOidcIssuer, type AppConfig } from '@doorloop/config';
import { USER_ROLES } from '@doorloop/contracts';
import { UserRepository } from '@doorloop/persistence';
import { ProblemError } from '../http/problem';
import { Allow, Public } from './access.decorators';
import { AuthConfigurationDto, MeDto } from './auth.dto';

/** The scopes a browser asks for: an ID token with the user's name. The api needs nothing more from the issuer. */
const WEB_SCOPES = ['openid', 'profile'];

@ApiTags('authentication')
@Controller()
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserRepository,
  ) {}

  @Get('auth-configuration')
  @Public()
  @ZodResponse({ type: AuthConfigurationDto, description: 'Where and how to sign in (authorization code with PKCE).' })
  configuration() {
    return {
      issuer: requireOidcIssuer(this.config),
      clientId: this.config.OIDC_WEB_CLIENT_ID,
      audience: this.config.OIDC_AUDIENCE,
      scopes: WEB_SCOPES,
    };
  }

  @Get('me')
  @Allow(...USER_ROLES)
  @ZodResponse({ type: MeDto, description: 'The signed-in user, with role and scope.' })
  async me(@Req() request: Request) {
    const principal = request.principal;
    const profile = principal && (await this.users.findProfile(principal.userId));
    // The guard found this user a moment ago; gone now means deleted in between.
    if (!profile) throw ProblemError.notFound('This user');
    const { user, organisationName } = profile;
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      regionId: user.regionId,
      organisationId: user.organisationId,
      organisationName,
      municipalityCodes: user.municipalityCodes,
    };
  }
}
