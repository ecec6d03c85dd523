import { Body, Controller, Header, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import { ZodResponse } from 'nestjs-zod';
import { AesGcmPayloadCodec, PayloadDecryptionError } from '@doorloop/temporal';
import { Audit } from '../audit/audit.decorator';
import { Allow } from '../auth/access.decorators';
import { ProblemError, type FieldError } from '../http/problem';
import { CodecPayloadsDto } from './temporal-codec.dto';

/**
 * Temporal's remote codec protocol, for the Temporal Web UI (and `temporal --codec-endpoint`): operators see the
 * payloads of workflow histories decrypted, with the same authentication, authorisation and audit as the rest of the
 * api. Decode only: the UI needs `/encode` only to start or signal workflows with input, which operators must do
 * through the api, not around it.
 */
@ApiTags('temporal-codec')
@Allow('admin')
@Controller('temporal-codec')
export class TemporalCodecController {
  constructor(@Inject(AesGcmPayloadCodec) private readonly codec: AesGcmPayloadCodec) {}

  @Post('decode')
  @Audit({ action: 'export', object: 'workflow-payload' })
  @HttpCode(200)
  // Decrypted history: no cache along the way may keep it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Decrypt Temporal payloads',
    description:
      'The `/decode` endpoint of the Temporal remote codec protocol: the payloads decrypted with PAYLOAD_KEYS; ' +
      'a payload that was never encrypted is refused (400), except the SDK’s own patch markers. ' +
      'For operators, from the Temporal Web UI.',
  })
  @ApiBadRequestResponse({ description: 'A payload could not be decrypted; `errors` names it and the key id.' })
  @ZodResponse({ type: CodecPayloadsDto, description: 'The payloads, decoded, in the same order.' })
  async decode(@Body() body: CodecPayloadsDto) {
    const decoded = await Promise.all(
      body.payloads.map((payload) =>
        this.codec.decode([fromJson(payload)]).then(
          ([result]) => toJson(result),
          (error: unknown) => {
            if (error instanceof PayloadDecryptionError) return error;
            throw error;
          },
        ),
      ),
    );
    const errors: FieldError[] = decoded.flatMap((result, index) =>
      result instanceof PayloadDecryptionError
        ? [{ in: 'body' as const, field: `payloads[${index}]`, code: 'invalid-value' as const, detail: result.message }]
        : [],
    );
    if (errors.length > 0) throw ProblemError.invalid(errors);
    return { payloads: decoded.filter((result): result is JsonPayload => !(result instanceof PayloadDecryptionError)) };
  }
}

type JsonPayload = CodecPayloadsDto['payloads'][number];

function fromJson({ metadata, data }: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
    data: Buffer.from(data, 'base64'),
  };
}

function toJson({ metadata, data }: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? []).toString('base64')]),
    ),
    data: Buffer.from(data ?? []).toString('base64'),
  };
}
