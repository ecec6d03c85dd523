import type { Logger } from '@nestjs/common';
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
  const context = { temporal: meta ?? {} };
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
