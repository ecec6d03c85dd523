import type { Trajectory } from '@doorloop/contracts';
import { countTransfers } from '@doorloop/domain';
import type { TrajectoryEntity } from '@doorloop/persistence';

/** The api's view of a trajectory: its own columns plus the facts its workflow last projected. */
export function presentTrajectory(t: TrajectoryEntity): Trajectory {
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
    exploitationForms: [...(t.exploitationForms ?? [])],
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
