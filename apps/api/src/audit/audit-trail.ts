import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@doorloop/config';
import { AuditRecordRepository, FailedLoginTallyRepository } from '@doorloop/persistence';
import { buildAuditEntry, mustRecord, type AuditDetails, type RequestFacts } from './audit-entry';
import type { AuditRoute } from './audit.decorator';
import { AuditedRoutes } from './audited-routes';
import { BulkReadMonitor } from './bulk-read-monitor';
import { talliedStatus } from './refusal-tally';

const DETAILS = 'doorloopAuditDetails';
const RECORDED = 'doorloopAuditRecorded';

/**
 * For a handler that knows more than its result shows (the ids of a list whose items have no `id`, the trajectory of
 * an aggregate): added to the record of this request.
 */
export function addAuditDetails(response: Response, details: AuditDetails): void {
  response.locals[DETAILS] = { ...(response.locals[DETAILS] as AuditDetails | undefined), ...details };
}

/** Writes the audit record of a request: from the interceptor before a response leaves, or after it for the rest. */
@Injectable()
export class AuditTrail {
  private readonly logger = new Logger(AuditTrail.name);
  /** Records of answered requests still being written. */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly records: AuditRecordRepository,
    private readonly tallies: FailedLoginTallyRepository,
    private readonly routes: AuditedRoutes,
    private readonly bulkReads: BulkReadMonitor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  isWritable(): Promise<boolean> {
    return this.records.isWritable();
  }

  /**
   * Appends the record; logs and rethrows when the log cannot be written, so the caller can fail closed. A refusal
   * before sign-in (401, 429 without a user) is counted for its source instead, beyond the first
   * AUDIT_SINGLE_FAILED_LOGINS_PER_WINDOW of its window: RefusalTallySealer records each window's count once.
   */
  async record(request: Request, response: Response, status: number, route: AuditRoute | undefined, result?: unknown) {
    // One record per request, whichever path comes first: a client that hangs up before its handler returns gets its
    // record from the close hook, and the interceptor must not write a second one. The flag is taken synchronously.
    if (response.locals[RECORDED] === true) return;
    const details = response.locals[DETAILS] as AuditDetails | undefined;
    const entry = buildAuditEntry(factsOf(request), status, route, details, result);
    response.locals[RECORDED] = true;
    try {
      const tallied = talliedStatus(request.principal, status);
      if (tallied !== undefined) {
        const source = entry.clientIp ?? 'unknown';
        const attempts = await this.tallies.count(source, tallied, this.config.AUDIT_FAILED_LOGIN_WINDOW_SECONDS);
        if (attempts > this.config.AUDIT_SINGLE_FAILED_LOGINS_PER_WINDOW) return;
      }
      await this.records.append(entry);
    } catch (error) {
      this.logger.error({ err: error, requestId: entry.requestId, route: entry.route, status }, 'Audit record lost');
      throw error;
    }
    await this.bulkReads.afterRecorded(entry);
  }

  /**
   * After the response: the requests the interceptor did not record (refused by a guard or middleware, failed in the
   * handler, or never routed). They disclosed and changed nothing, so a record that cannot be written is logged as an
   * error and cannot be failed closed any more.
   */
  async recordAfterResponse(request: Request, response: Response): Promise<void> {
    if (response.locals[RECORDED] === true) return;
    const route = this.routes.find(request.method, routePathOf(request));
    if (!mustRecord(route, response.statusCode)) return;
    const recording = this.record(request, response, response.statusCode, route).catch(() => undefined);
    this.pending.add(recording);
    await recording;
    this.pending.delete(recording);
  }

  /** Resolves when what was answered before the call has been recorded or counted (RefusalTallySealer, at shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}

function factsOf(request: Request): RequestFacts {
  return {
    method: request.method,
    routePath: routePathOf(request),
    path: request.originalUrl.split('?')[0],
    params: request.params ?? {},
    query: request.query ?? {},
    principal: request.principal,
    purposeHeader: request.headers['x-purpose'],
    // Set by pino-http (libs/config/src/logging.ts) as a UUID string.
    requestId: typeof request.id === 'string' ? request.id : null,
    clientIp: request.ip ?? null,
  };
}

function routePathOf(request: Request): string | undefined {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : undefined;
}
