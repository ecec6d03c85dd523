import type { Provider } from '@nestjs/common';
import { APP_CONFIG, requireFieldKeys, type AppConfig } from '@doorloop/config';
import { EnvelopeCipher } from '@doorloop/crypto';

/** The cipher of the identifying fields, from FIELD_KEYS: without keys the api does not start. */
export const identityCipherProvider: Provider = {
  provide: EnvelopeCipher,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const { keys, currentKeyId } = requireFieldKeys(config);
    return new EnvelopeCipher({ currentKeyId, keys: keys.entries() });
  },
};
