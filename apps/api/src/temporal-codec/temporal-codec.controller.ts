import { Body, Controller, Header, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { PayloadDecryptionError } from '@doorloop/temporal';
import { Audit } from '../audit/audit.decorator';
import { addAuditDetails } from '../audit/audit-trail';
import { Allow } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { ProblemError, type FieldError } from '../http/problem';
import { CodecPayloadsDto } from './temporal-codec.dto';
import { TemporalCodecService } from './temporal-codec.service';

/**
 * Temporal's remote codec protocol, for the Temporal Web UI (and `temporal --codec-endpoint`): operators see the
 * payloads of their own region's workflow histories decrypted, with the same authentication, authorisation and audit
 * as the rest of the api. Decode only: the UI needs `/encode` only to start or signal workflows with input, which
 * operators must do through the api, not around it.
 */
@ApiTags('temporal-codec')
@Allow('admin')
@Controller('temporal-codec')
export class TemporalCodecController {
  constructor(private readonly service: TemporalCodecService) {}

  @Post('decode')
  @Audit({ action: 'export', object: 'workflow-payload' })
  @HttpCode(200)
  // Decrypted history: no cache along the way may keep it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Decrypt Temporal payloads',
    description:
      'The `/decode` endpoint of the Temporal remote codec protocol: the payloads decrypted with PAYLOAD_KEYS, ' +
      'those of workflows of trajectories of your own region only; any other payload comes back as it was sent, ' +
      'still encrypted. A payload that was never encrypted is refused (400), except the SDK’s own patch markers. ' +
      'The audit record names each workflow decrypted (namespace/workflowId) and its trajectory. ' +
      'For operators, from the Temporal Web UI.',
  })
  @ApiBadRequestResponse({ description: 'A payload could not be decrypted; `errors` names it and the key id.' })
  @ZodResponse({ type: CodecPayloadsDto, description: 'The payloads, decoded, in the same order.' })
  async decode(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CodecPayloadsDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { results, workflows, trajectoryIds } = await this.service.decode(principal, body.payloads.map(fromJson));
    // Also on a refusal: the record names what was asked for.
    addAuditDetails(response, {
      objectIds: workflows,
      trajectoryId: trajectoryIds.length === 1 ? trajectoryIds[0] : null,
    });
    const errors: FieldError[] = results.flatMap((result, index) =>
      result instanceof PayloadDecryptionError
        ? [{ in: 'body' as const, field: `payloads[${index}]`, code: 'invalid-value' as const, detail: result.message }]
        : [],
    );
    if (errors.length > 0) throw ProblemError.invalid(errors);
    return {
      payloads: results.flatMap((result) => (result instanceof PayloadDecryptionError ? [] : [toJson(result)])),
    };
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
