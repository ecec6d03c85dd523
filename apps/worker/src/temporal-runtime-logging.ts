import type { Logger } from '@nestjs/common';
import { safeError } from '@doorloop/config';
import { DefaultLogger, makeTelemetryFilterString, Runtime, type LogLevel } from '@temporalio/worker';

/**
 * Sends the Temporal SDK's own log lines (and its Rust core's, from WARN up) through the app logger, so that every
 * line the worker writes is pino JSON. The SDK allows one install per process; a second stack in the same process
 * (tests) keeps the first.
 */
export function routeTemporalLogs(logger: Logger): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('INFO', ({ level, message, meta }) => write(logger, level, message, meta)),
      telemetryOptions: {
        logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }) },
      },
    });
  } catch {
    // Already installed in this process.
  }
}

function write(logger: Logger, level: LogLevel, message: string, meta: Record<string, unknown> | undefined): void {
  const context = { temporal: safeMeta(meta) };
  switch (level) {
    case 'ERROR':
      logger.error(context, message);
      return;
    case 'WARN':
      logger.warn(context, message);
      return;
    case 'INFO':
      logger.log(context, message);
      return;
    case 'DEBUG':
    case 'TRACE':
      logger.debug(context, message);
      return;
  }
}

/**
 * The SDK puts the failure of an activity or workflow task in its meta as an Error, which pino would serialise whole:
 * a failed database call would then bring its query parameters (outcomes, reasons) into the log. Errors pass the same
 * serialiser as the apps' `err`.
 */
export function safeMeta(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(meta ?? {}).map(([key, value]) => [key, isError(value) ? safeError(value) : value]),
  );
}

function isError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'stack' in value && 'message' in value;
}
