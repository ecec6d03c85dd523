import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@doorloop/config';
import { AesGcmPayloadCodec, payloadCodec } from '@doorloop/temporal';

/** The same codec, with the same keys, as the api's and the worker's Temporal data converter. */
export const payloadCodecProvider: Provider = {
  provide: AesGcmPayloadCodec,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => payloadCodec(config),
};
