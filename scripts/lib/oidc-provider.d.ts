// oidc-provider 8 ships no type declarations: these describe the part of its API the local issuer uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface Client {
    clientId: string;
    clientName?: string;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface AccessToken {
    accountId?: string;
    scope?: string;
    expiration: number;
    tokenType: string;
    resourceServer?: ResourceServer;
    save(): Promise<string>;
  }

  export type ResourceServer = object;

  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
    jwt?: { sign?: { alg?: string } };
  }

  export interface Session {
    accountId?: string;
    grantIdFor(clientId: string): string | undefined;
  }

  export interface OidcContext {
    client?: Client;
    params: Record<string, unknown>;
    provider: Provider;
    session?: Session;
    result?: { consent?: { grantId?: string } };
    entity(name: string, value: unknown): void;
  }

  export interface KoaContext {
    method: string;
    path: string;
    ip: string;
    status: number;
    body: unknown;
    type: string;
    oidc: OidcContext;
    get(header: string): string;
    set(headers: Record<string, string>): void;
  }

  export type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

  export interface Interaction {
    uid: string;
    prompt: { name: string; details: Record<string, unknown> };
    params: Record<string, unknown>;
  }

  export interface InteractionResults {
    login?: { accountId: string };
    error?: string;
    error_description?: string;
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    readonly issuer: string;
    readonly Account: { findAccount(ctx: KoaContext, id: string): Promise<Account | undefined> };
    readonly Grant: {
      new (properties: { accountId: string; clientId: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    readonly AccessToken: new (properties: {
      accountId: string;
      client: Client;
      gty: string;
      grantId?: string;
    }) => AccessToken;
    readonly ResourceServer: new (identifier: string, info: ResourceServerInfo) => ResourceServer;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    use(middleware: Middleware): void;
    registerGrantType(name: string, handler: Middleware, parameters?: string[]): void;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<Interaction>;
    interactionFinished(
      request: IncomingMessage,
      response: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    Client: { find(id: string): Promise<Client | undefined> };
  }

  type OidcError = new (description?: string) => Error;
  export const errors: {
    InvalidGrant: OidcError;
    InvalidRequest: OidcError;
    InvalidTarget: OidcError;
  };

  export default Provider;
}

declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  export default class MemoryAdapter {
    constructor(model: string);
  }
}
