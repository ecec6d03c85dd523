import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { API_PREFIX } from '../http/api-version';
import { AUDIT_ROUTE, type AuditRoute } from './audit.decorator';

/**
 * The audited routes by method and Express route template. A guard that refuses a request (401, 403) runs before any
 * interceptor, so the response-finish hook must find a route's annotation from the request alone: `request.route.path`
 * is the template Express matched, and this table maps it back to the handler's `Audit` metadata.
 */
@Injectable()
export class AuditedRoutes {
  private table: Map<string, AuditRoute> | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  find(method: string, routePath: string | undefined): AuditRoute | undefined {
    if (routePath === undefined) return undefined;
    this.table ??= this.build();
    return this.table.get(`${method} ${routePath}`);
  }

  private build(): Map<string, AuditRoute> {
    const table = new Map<string, AuditRoute>();
    for (const { metatype } of this.discovery.getControllers()) {
      if (typeof metatype !== 'function') continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      const controllerPaths = pathsOf(Reflect.getMetadata(PATH_METADATA, metatype));
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const route = this.reflector.get<AuditRoute | undefined>(AUDIT_ROUTE, handler as never);
        if (!route) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        for (const controllerPath of controllerPaths) {
          for (const handlerPath of pathsOf(Reflect.getMetadata(PATH_METADATA, handler))) {
            table.set(`${method} ${joinPath(API_PREFIX, controllerPath, handlerPath)}`, route);
          }
        }
      }
    }
    return table;
  }
}

function pathsOf(metadata: unknown): string[] {
  if (Array.isArray(metadata)) return metadata.map(String);
  return [typeof metadata === 'string' ? metadata : ''];
}

/** How Nest joins the global prefix, controller path and handler path into the path it registers with Express. */
function joinPath(...parts: string[]): string {
  return `/${parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
}
