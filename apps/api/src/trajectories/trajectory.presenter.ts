import type { Trajectory } from '@doorloop/contracts';
import { countTransfers, transfersByReason } from '@doorloop/domain';
import type { TrajectoryEntity } from '@doorloop/persistence';
import { lawfulPlacementView, type TrajectoryExtras } from './lawful-placements';

/**
 * The api's view of a trajectory: its own columns plus the facts its workflow last projected; with `extras` (a single
 * trajectory) also what the database keeps beside the facts (legal overrides, where she was last seen).
 */
export function presentTrajectory(t: TrajectoryEntity, extras?: TrajectoryExtras): Trajectory {
  const { id, pseudonym, birthDate, municipalityCode, status, policyVersion, facts } = t;
  return {
    id,
    pseudonym,
    birthDate,
    municipalityCode,
    status,
    policyVersion,
    revision: t.factsRevision,
    partners: [...facts.partners],
    placements: [...facts.placements],
    courtMeasures: [...facts.courtMeasures],
    transfers: countTransfers(facts.placements),
    transfersByReason: transfersByReason(facts.placements),
    ...lawfulPlacementView(facts, extras),
    closedOn: facts.closure?.date ?? null,
    createdAt: t.createdAt.toISOString(),
    legalBases: [...(facts.legalBases ?? [])],
    continuation: facts.continuation
      ? {
          continuation: facts.continuation.continuation,
          basis: facts.continuation.basis,
          providerOrganisationId: facts.continuation.providerOrganisationId ?? null,
          decidedAt: new Date(facts.continuation.decidedAt).toISOString(),
        }
      : null,
    reopenings: (facts.reopenings ?? []).map(({ date, closedOn }) => ({ date, closedOn })),
  };
}
