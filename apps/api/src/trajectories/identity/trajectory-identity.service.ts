import { Injectable } from '@nestjs/common';
import { EnvelopeCipher } from '@doorloop/crypto';
import { IDENTIFYING_FIELDS, type IdentifyingField } from '@doorloop/domain';
import { ReferenceDataRepository, TrajectoryIdentityRepository, TrajectoryRepository } from '@doorloop/persistence';
import { trajectoryScope } from '../../auth/access-policy';
import type { Principal } from '../../auth/principal';
import { ProblemError, type FieldError } from '../../http/problem';

export type IdentityValues = Record<IdentifyingField, string | null>;
export interface Identity extends IdentityValues {
  keptFields: IdentifyingField[];
}

const LABELS: Record<IdentifyingField, string> = { name: 'names', bsn: 'BSNs' };

/**
 * The identifying fields of a trajectory (name, BSN), kept only when its region chooses to and only encrypted: each
 * trajectory has its own data key, wrapped by the current FIELD_KEYS master key (see EnvelopeCipher). Values pass
 * through this service and nowhere else: never to Temporal, never to a log.
 */
@Injectable()
export class TrajectoryIdentityService {
  constructor(
    private readonly trajectories: TrajectoryRepository,
    private readonly referenceData: ReferenceDataRepository,
    private readonly identities: TrajectoryIdentityRepository,
    private readonly cipher: EnvelopeCipher,
  ) {}

  async get(principal: Principal, trajectoryId: string): Promise<Identity> {
    const keptFields = await this.keptFields(principal, trajectoryId);
    const stored = await this.identities.find(trajectoryId);
    const values: IdentityValues = stored
      ? this.cipher.open(trajectoryId, {
          keyId: stored.keyId,
          wrappedKey: stored.wrappedKey,
          values: { name: stored.name, bsn: stored.bsn },
        })
      : { name: null, bsn: null };
    return { ...values, keptFields };
  }

  /**
   * Replaces what is kept: a field absent or null is removed; all of them null removes the row, data key included.
   * Everything is checked before anything is written.
   */
  async replace(principal: Principal, trajectoryId: string, input: Partial<IdentityValues>): Promise<Identity> {
    const keptFields = await this.keptFields(principal, trajectoryId);
    const values: IdentityValues = { name: input.name ?? null, bsn: input.bsn ?? null };
    const refused: FieldError[] = IDENTIFYING_FIELDS.filter(
      (field) => values[field] !== null && !keptFields.includes(field),
    ).map((field) => ({
      in: 'body',
      field,
      code: 'not-kept-in-region',
      detail: `The region of this trajectory does not keep ${LABELS[field]}: leave ${field} out.`,
    }));
    if (refused.length > 0) throw ProblemError.invalid(refused);

    if (IDENTIFYING_FIELDS.every((field) => values[field] === null)) {
      await this.identities.delete(trajectoryId);
      return { ...values, keptFields };
    }
    const existing = await this.identities.find(trajectoryId);
    const sealed = this.cipher.seal(trajectoryId, values, existing ?? undefined);
    await this.identities.save({
      trajectoryId,
      keyId: sealed.keyId,
      wrappedKey: sealed.wrappedKey,
      name: sealed.values.name,
      bsn: sealed.values.bsn,
    });
    return { ...values, keptFields };
  }

  /** Of a trajectory within the principal's scope; outside it, 404 like one that does not exist. */
  private async keptFields(principal: Principal, trajectoryId: string): Promise<IdentifyingField[]> {
    const trajectory = await this.trajectories.findInScope(trajectoryId, trajectoryScope(principal));
    if (!trajectory) throw ProblemError.notFound(`Trajectory ${trajectoryId}`);
    const region = await this.referenceData.findRegion(trajectory.regionId);
    return IDENTIFYING_FIELDS.filter((field) => region?.identifyingFields.includes(field));
  }
}
