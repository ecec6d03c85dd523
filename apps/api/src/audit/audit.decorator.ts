import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';
import type { AuditAction, AuditObjectType } from '@doorloop/contracts';
import { PURPOSE_CODES, PURPOSE_HEADER, PURPOSES } from './purpose';

export const AUDIT_ROUTE = 'doorloop:audit-route';

/** What a route does to which kind of data, as its audit records say. */
export interface AuditRoute {
  readonly action: Extract<AuditAction, 'read' | 'search' | 'create' | 'change' | 'export'>;
  readonly object: AuditObjectType;
}

/**
 * Every call of this route writes an audit record (NEN 7513), whatever its outcome. Also documents the X-Purpose
 * header, and `x-audit` in the OpenAPI document, from which the route-coverage test knows what each route must log.
 */
export const Audit = (route: AuditRoute) =>
  applyDecorators(
    SetMetadata(AUDIT_ROUTE, route),
    ApiHeader({
      name: PURPOSE_HEADER,
      required: false,
      description:
        'Why you access this data (NEN 7513 "doel"); recorded in the audit log. Default: the purpose of your role. ' +
        PURPOSE_CODES.map((code) => `\`${code}\`: ${PURPOSES[code]}`).join('; ') +
        '.',
      schema: { type: 'string', enum: PURPOSE_CODES },
    }),
    ApiExtension('x-audit', { ...route }),
  );
