import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HandoverEntity } from '../entities';
import type { ChangeOutcome, TaskScope } from './task.repository';

@Injectable()
export class HandoverRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records the handover of a fired occurrence; a repeat (activity retry) changes nothing. */
  async insertIdempotent(handover: {
    trajectoryId: string;
    occurrenceKey: string;
    sendingOrganisationId: string;
    receivingOrganisationId: string;
    dueAt: Date;
  }): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(HandoverEntity).values(handover).orIgnore().execute();
  }

  findById(id: string): Promise<HandoverEntity | null> {
    return this.dataSource.getRepository(HandoverEntity).findOneBy({ id });
  }

  /** A handover within `scope`: an organisation reaches the handovers it sends or receives, a region all of its own. */
  findVisible(id: string, scope: TaskScope): Promise<HandoverEntity | null> {
    const query = this.dataSource.getRepository(HandoverEntity).createQueryBuilder('h').where('h.id = :id', { id });
    if ('organisationId' in scope) {
      query.andWhere('(h.sending_organisation_id = :org OR h.receiving_organisation_id = :org)', {
        org: scope.organisationId,
      });
    } else {
      query
        .innerJoin('trajectories', 'tr', 'tr.id = h.trajectory_id')
        .andWhere('tr.region_id = :region', { region: scope.regionId });
    }
    return query.getOne();
  }

  /**
   * The receiving organisation accepts or rejects, once. The same answer again is the same acknowledgement; a
   * different answer after the first is a conflict. One conditional UPDATE decides, so two racing requests get one
   * winner. The receiving organisation's handover task is done by the same statement: its answer is its outcome.
   */
  async acknowledge(
    id: string,
    accepted: boolean,
    reason: string | null,
    userId: string,
  ): Promise<ChangeOutcome<HandoverEntity>> {
    const status = accepted ? 'accepted' : 'rejected';
    const answered: { id: string }[] = await this.dataSource.query(
      `WITH answered AS (
         UPDATE handovers SET status = $2, reason = $3, acknowledged_at = now()
          WHERE id = $1 AND status = 'pending'
          RETURNING id, trajectory_id, occurrence_key, receiving_organisation_id
       ), receiving_task AS (
         UPDATE tasks t SET status = 'done', completed_at = now(), assignee_user_id = coalesce(t.assignee_user_id, $4),
                outcome = jsonb_build_object('accepted', $5::boolean, 'reason', $3::text)
           FROM answered a
          WHERE t.trajectory_id = a.trajectory_id AND t.occurrence_key = a.occurrence_key
            AND t.organisation_id = a.receiving_organisation_id AND t.status IN ('open', 'claimed')
       )
       SELECT id FROM answered`,
      [id, status, reason, userId, accepted],
    );
    const current = await this.findById(id);
    if (!current) return { result: 'not-found' };
    if (answered.length > 0) return { result: 'changed', entity: current };
    const same = current.status === status && (current.reason ?? null) === reason;
    return same ? { result: 'unchanged', entity: current } : { result: 'conflict', entity: current };
  }
}
