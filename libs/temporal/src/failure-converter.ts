import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Temporal loads a failure converter by path (`DataConverter.failureConverterPath`, and `bundleWorkflowCode`'s option of
 * that name for the workflow sandbox), so it lives alone in this file, importing nothing but `@temporalio/common`.
 * With `encodeCommonAttributes` an error's message and stack trace travel as an encoded payload (which the payload codec
 * encrypts) instead of in clear text; Temporal shows the message as "Encoded failure".
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
