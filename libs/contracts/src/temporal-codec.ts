import { z } from 'zod';

/** More than one history event's worth; the api's body limit (256 kB) caps the total. */
export const MAX_CODEC_PAYLOADS = 1000;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

// The Temporal remote codec protocol speaks the protobuf JSON of temporal.api.common.v1.Payload: bytes as base64.
// Unknown properties are dropped rather than refused: the protocol is Temporal's, and may grow.
const payloadSchema = z
  .object({
    metadata: z.record(z.string().max(256), base64).default({}).describe('Metadata values, base64.'),
    data: base64.default('').describe('The payload bytes, base64.'),
  })
  .describe('A Temporal payload in protobuf JSON.');

/** POST /temporal-codec/encode and /decode, request and response alike. */
export const codecPayloadsSchema = z
  .object({ payloads: z.array(payloadSchema).max(MAX_CODEC_PAYLOADS) })
  .describe("Payloads in the Temporal remote codec protocol's format.");
export type CodecPayloads = z.input<typeof codecPayloadsSchema>;
