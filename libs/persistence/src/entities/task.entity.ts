import type { MilestoneKind } from '@doorloop/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const TASK_STATUSES = ['open', 'claimed', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** One piece of work for one organisation, created when a milestone occurrence fires. */
@Entity('tasks')
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'trajectory_id', type: 'uuid' }) trajectoryId!: string;
  @Column({ type: 'varchar', length: 40 }) kind!: MilestoneKind;
  /** Identifies the milestone occurrence (kind, series, number); with trajectory and organisation it is unique. */
  @Column({ name: 'occurrence_key', type: 'varchar', length: 160 }) occurrenceKey!: string;
  @Column({ type: 'integer' }) occurrence!: number;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @Column({ type: 'varchar', length: 32 }) role!: string;
  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true }) assigneeUserId!: string | null;
  @Column({ name: 'fire_at', type: 'timestamptz' }) fireAt!: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ type: 'varchar', length: 16, default: 'open' }) status!: TaskStatus;
  @Column({ type: 'boolean', default: false }) late!: boolean;
  @Column({ type: 'jsonb', nullable: true }) outcome!: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
}
