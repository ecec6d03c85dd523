import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HandoverEntity } from '../entities';
import type { ChangeOutcome } from './task.repository';

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

  /**
   * The receiving organisation accepts or rejects, once. The same answer again is the same acknowledgement; a
   * different answer after the first is a conflict. One conditional UPDATE decides, so two racing requests get one
   * winner.
   */
  async acknowledge(id: string, accepted: boolean, reason: string | null): Promise<ChangeOutcome<HandoverEntity>> {
    const status = accepted ? 'accepted' : 'rejected';
    const updated: [HandoverEntity[], number] = await this.dataSource.query(
      `UPDATE handovers SET status = $2, reason = $3, acknowledged_at = now() WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, status, reason],
    );
    const current = await this.findById(id);
    if (!current) return { result: 'not-found' };
    if (updated[1] > 0) return { result: 'changed', entity: current };
    const same = current.status === status && (current.reason ?? null) === reason;
    return same ? { result: 'unchanged', entity: current } : { result: 'conflict', entity: current };
  }
}
