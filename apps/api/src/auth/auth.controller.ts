import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { APP_CONFIG, requireOidcIssuer, type AppConfig } from '@doorloop/config';
import { USER_ROLES } from '@doorloop/contracts';
import { Allow, Public } from './access.decorators';
import { AuthConfigurationDto, MeDto } from './auth.dto';
import { CurrentPrincipal } from './current-principal.decorator';
import type { Principal } from './principal';
import { ProfileService } from './profile.service';

/** The scopes a browser asks for: an ID token with the user's name. The api needs nothing more from the issuer. */
const WEB_SCOPES = ['openid', 'profile'];

@ApiTags('authentication')
@Controller()
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly profiles: ProfileService,
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
  me(@CurrentPrincipal() principal: Principal) {
    return this.profiles.me(principal);
  }
}
