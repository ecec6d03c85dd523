import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '@doorloop/config';

/**
 * helmet's defaults, adjusted for what this api serves: a browser app on this origin may also talk to the OIDC issuer
 * (discovery, token endpoint: connect-src), and over plain HTTP (npm start) nothing is upgraded to HTTPS, which has no
 * listener there. Behind TLS (PUBLIC_URL https) the upgrade stays.
 */
export function securityHeaders(config: Pick<AppConfig, 'OIDC_ISSUER' | 'PUBLIC_URL'>): RequestHandler {
  const issuerOrigin = config.OIDC_ISSUER ? new URL(config.OIDC_ISSUER).origin : undefined;
  const overTls = config.PUBLIC_URL?.startsWith('https:') ?? false;
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'connect-src': ["'self'", ...(issuerOrigin ? [issuerOrigin] : [])],
        'upgrade-insecure-requests': overTls ? [] : null,
      },
    },
  });
}
