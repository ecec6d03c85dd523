import { z } from 'zod';
import { USER_ROLES } from '@doorloop/domain';

/** GET /auth/configuration: what a browser application needs to sign in. */
export const authConfigurationSchema = z
  .object({
    issuer: z.url().describe('OpenID Connect issuer; its discovery document is at /.well-known/openid-configuration.'),
    clientId: z.string().describe('Public client id of the web application (authorization code with PKCE).'),
    audience: z.string().describe('The `aud` of the access tokens this api accepts.'),
    scopes: z.array(z.string()).describe('Scopes to request when signing in.'),
  })
  .describe('What a browser application needs to sign in.');
export type AuthConfiguration = z.output<typeof authConfigurationSchema>;

/** GET /me: the signed-in user. */
export const meSchema = z
  .object({
    userId: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(USER_ROLES),
    regionId: z.uuid(),
    organisationId: z.uuid().nullable().describe('Null for region-wide roles without an organisation.'),
    organisationName: z.string().nullable(),
    municipalityCodes: z.array(z.string()).describe('CBS codes a director watches; empty for other roles.'),
    pseudonymPrefix: z
      .string()
      .describe("Every pseudonym of the user's region starts with this prefix and a hyphen, e.g. TRJ-7F3K."),
  })
  .describe('The signed-in user.');
export type Me = z.output<typeof meSchema>;
