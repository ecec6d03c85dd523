import type { TaskKind, TaskStatus } from '@doorloop/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface TaskContext {
  evaluationKey: string;
  missingOrganisationIds: string[];
}

/**
 * One piece of work for one organisation, created when a milestone occurrence fires; or a coordinator's triage of a
 * signal (kind `signal-triage`), which belongs to the signal and to no trajectory.
 */
@Entity('tasks')
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'trajectory_id', type: 'uuid', nullable: true }) trajectoryId!: string | null;
  /** For a signal-triage task: its signal (exactly one of trajectory and signal is set). */
  @Column({ name: 'signal_id', type: 'uuid', nullable: true }) signalId!: string | null;
  @Column({ type: 'varchar', length: 40 }) kind!: TaskKind;
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
  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true }) claimedAt!: Date | null;
  /** For the kinds on the director's list: from here an overdue task is on it, until it is done. */
  @Column({ name: 'director_list_at', type: 'timestamptz', nullable: true }) directorListAt!: Date | null;
  /** For a consolidation: the evaluation it consolidates and whose input was missing when it fired. */
  @Column({ type: 'jsonb', nullable: true }) context!: TaskContext | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
}
