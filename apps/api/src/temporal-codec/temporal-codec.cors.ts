import type { CorsOptions, CorsOptionsDelegate } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { Request } from 'express';

/**
 * CORS stays closed for the whole api, except for the codec routes, which the Temporal Web UI calls from its own
 * origin (TEMPORAL_UI_URL) with the operator's bearer token. No origin configured: closed there too.
 */
export function temporalCodecCors(codecPath: string, temporalUiUrl: string | undefined): CorsOptionsDelegate<Request> {
  const origin = temporalUiUrl ? new URL(temporalUiUrl).origin : undefined;
  const open: CorsOptions = {
    origin: origin ? [origin] : false,
    methods: ['POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Namespace'],
    credentials: true,
    maxAge: 600,
  };
  const closed: CorsOptions = { origin: false };
  return (request, callback) => callback(null, request.path.startsWith(`${codecPath}/`) ? open : closed);
}
