import type { DataConverter } from '@temporalio/common';
import { requirePayloadKeys, type AppConfig } from '@doorloop/config';
import { AesGcmPayloadCodec } from './payload-codec';

/**
 * Path of the failure converter module that encodes error messages and stack traces. The api and the worker pass it
 * through `dataConverter()`; workflow code runs in a sandbox that takes it at bundle time (`bundleWorkflowCode({
 * failureConverterPath: FAILURE_CONVERTER_PATH })`).
 */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

export type PayloadKeySettings = Pick<AppConfig, 'PAYLOAD_KEYS' | 'PAYLOAD_KEY_ID'>;

/**
 * The one data converter of every Temporal client and worker of ours: payloads encrypted by the AES-256-GCM codec with
 * the configured keys, failures with their message and stack trace encoded (and so encrypted). Throws a ConfigError
 * naming the variable when the keys are missing: nothing talks to Temporal in the clear.
 */
export function dataConverter(settings: PayloadKeySettings): DataConverter {
  return { payloadCodecs: [payloadCodec(settings)], failureConverterPath: FAILURE_CONVERTER_PATH };
}

/** The payload codec with the configured keys: the one in `dataConverter`, and the one the codec endpoint runs. */
export function payloadCodec(settings: PayloadKeySettings): AesGcmPayloadCodec {
  const { keys, currentKeyId } = requirePayloadKeys(settings);
  return new AesGcmPayloadCodec({ currentKeyId, keys: keys.entries() });
}
