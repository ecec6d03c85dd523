import { Inject, Injectable } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import { APP_CONFIG, type AppConfig } from '@doorloop/config';
import { TrajectoryRepository } from '@doorloop/persistence';
import {
  AesGcmPayloadCodec,
  isEncrypted,
  payloadBinding,
  PayloadDecryptionError,
  trajectoryIdOfWorkflow,
  type PayloadBinding,
} from '@doorloop/temporal';
import { payloadScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';

export interface DecodedPayloads {
  /**
   * In the order given: the payload decrypted; the payload as it came, still encrypted, when it is not the admin's to
   * read; or why it cannot be decrypted.
   */
  readonly results: (Payload | PayloadDecryptionError)[];
  /** `namespace/workflowId` of each workflow whose payloads were decrypted, in the order first met. */
  readonly workflows: string[];
  /** The trajectories of those workflows. */
  readonly trajectoryIds: string[];
}

/**
 * Decrypts workflow payloads for an admin (issue 19, finding 3): only those sealed for this api's namespace and for the
 * workflow of a trajectory of the admin's own region (`payloadScope`). The workflow a ciphertext is sealed for is named
 * in its metadata and authenticated on decryption, so it cannot be rewritten to pass this check. Every other encrypted
 * payload — another region's, another namespace's, a workflow that is no trajectory's (the retention schedule), one
 * sealed before ciphertexts were bound to their workflow — is returned as it came, still encrypted. A payload that was
 * never encrypted is refused as before, except the SDK core's patch bookkeeping.
 */
@Injectable()
export class TemporalCodecService {
  constructor(
    @Inject(AesGcmPayloadCodec) private readonly codec: AesGcmPayloadCodec,
    private readonly trajectories: TrajectoryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async decode(principal: Principal, payloads: readonly Payload[]): Promise<DecodedPayloads> {
    const scope = payloadScope(principal);
    const owners = payloads.map((payload) => this.trajectoryOf(payload));
    const named = [...new Set(owners.flatMap((owner) => (owner ? [owner.trajectoryId] : [])))];
    const readable = new Set(await this.trajectories.idsInScope(named, scope));
    const workflows = new Set<string>();
    const trajectoryIds = new Set<string>();
    const results = await Promise.all(
      payloads.map(async (payload, index) => {
        if (isEncrypted(payload)) {
          const owner = owners[index];
          if (!owner || !readable.has(owner.trajectoryId)) return payload;
          workflows.add(`${owner.binding.namespace}/${owner.binding.workflowId}`);
          trajectoryIds.add(owner.trajectoryId);
        }
        try {
          const [decoded] = await this.codec.decode([payload]);
          return decoded;
        } catch (error) {
          if (error instanceof PayloadDecryptionError) return error;
          throw error;
        }
      }),
    );
    return { results, workflows: [...workflows], trajectoryIds: [...trajectoryIds] };
  }

  /** The trajectory whose workflow, in this api's namespace, an encrypted payload is sealed for. */
  private trajectoryOf(payload: Payload): { binding: PayloadBinding; trajectoryId: string } | undefined {
    const binding = isEncrypted(payload) ? payloadBinding(payload) : undefined;
    if (!binding || binding.namespace !== this.config.TEMPORAL_NAMESPACE) return undefined;
    const trajectoryId = trajectoryIdOfWorkflow(binding.workflowId);
    return trajectoryId ? { binding, trajectoryId } : undefined;
  }
}
