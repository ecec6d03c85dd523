import type { MilestoneKind, MilestoneProjectionStatus } from '@doorloop/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row of a trajectory's agenda as its workflow last projected it. */
@Entity('milestones')
export class MilestoneEntity {
  @PrimaryColumn({ name: 'trajectory_id', type: 'uuid' }) trajectoryId!: string;
  @PrimaryColumn({ name: 'occurrence_key', type: 'varchar', length: 160 }) occurrenceKey!: string;
  @Column({ type: 'varchar', length: 40 }) kind!: MilestoneKind;
  @Column({ type: 'integer' }) occurrence!: number;
  @Column({ name: 'fire_at', type: 'timestamptz' }) fireAt!: Date;
  @Column({ name: 'fire_date', type: 'date' }) fireDate!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ type: 'varchar', length: 16 }) status!: MilestoneProjectionStatus;
  @Column({ type: 'jsonb' }) assignees!: { organisationId: string; role: string }[];
}
