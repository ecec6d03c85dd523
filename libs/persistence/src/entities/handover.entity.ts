import type { HandoverStatus } from '@doorloop/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A warm handover between two organisations, which the receiving one must acknowledge. */
@Entity('handovers')
export class HandoverEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'trajectory_id', type: 'uuid' }) trajectoryId!: string;
  @Column({ name: 'occurrence_key', type: 'varchar', length: 160 }) occurrenceKey!: string;
  @Column({ name: 'sending_organisation_id', type: 'uuid' }) sendingOrganisationId!: string;
  @Column({ name: 'receiving_organisation_id', type: 'uuid' }) receivingOrganisationId!: string;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: HandoverStatus;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
