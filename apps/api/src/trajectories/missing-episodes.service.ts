import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { TrajectoryEntity } from '@doorloop/persistence';
import { recordMissingEpisodeUpdate, recordReturnUpdate, recordTreatmentStartUpdate } from '@doorloop/workflows';
import type { Principal } from '../auth/principal';
import { ProblemError } from '../http/problem';
import type { MissingEpisodeDto, TreatmentStartDto } from './trajectory.dto';
import { TrajectoriesService } from './trajectories.service';

/**
 * Issue 13's own writes: when treatment started in a placement, and missing episodes (vermissing) — an event that fires
 * tasks at once to police and the coordinator, and on her return a safety assessment; not a pause. Where she was last
 * seen stays in PostgreSQL; the workflow hears ids, moments and yes/no only.
 */
@Injectable()
export class MissingEpisodesService {
  constructor(private readonly trajectories: TrajectoriesService) {}

  async recordTreatmentStart(
    principal: Principal,
    id: string,
    placementId: string,
    body: TreatmentStartDto,
  ): Promise<TrajectoryEntity> {
    const trajectory = await this.trajectories.get(principal, id);
    if (!trajectory.facts.placements.some((p) => p.id === placementId))
      throw ProblemError.notFound(`Placement ${placementId}`);
    return this.trajectories.update(trajectory, recordTreatmentStartUpdate, {
      placementId,
      treatmentStartDate: body.treatmentStartDate,
    });
  }

  async recordMissing(principal: Principal, id: string, body: MissingEpisodeDto): Promise<TrajectoryEntity> {
    const trajectory = await this.trajectories.get(principal, id);
    const episodeId = randomUUID();
    const since = Date.parse(body.since);
    if (since > Date.now()) {
      throw ProblemError.invalid([
        { in: 'body', field: 'since', code: 'in-future', detail: 'She went missing now or in the past.' },
      ]);
    }
    const records =
      body.lastSeen === undefined
        ? []
        : [{ kind: 'note' as const, subject: 'missing-episode' as const, subjectId: episodeId, note: body.lastSeen }];
    await this.trajectories.sendWithRecords(principal, trajectory, records, () =>
      this.trajectories.send(trajectory, recordMissingEpisodeUpdate, {
        id: episodeId,
        since,
        policeReportMade: body.policeReportMade,
      }),
    );
    return this.trajectories.reread(id);
  }

  async recordReturn(principal: Principal, id: string, episodeId: string): Promise<TrajectoryEntity> {
    const trajectory = await this.trajectories.get(principal, id);
    if (!(trajectory.facts.missingEpisodes ?? []).some((e) => e.id === episodeId))
      throw ProblemError.notFound(`Missing episode ${episodeId}`);
    return this.trajectories.update(trajectory, recordReturnUpdate, { episodeId });
  }
}
