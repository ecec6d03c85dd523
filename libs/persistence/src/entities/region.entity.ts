import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('regions')
export class RegionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 32, unique: true }) code!: string;
  @Column({ type: 'text' }) name!: string;
  /** A region's overrides of the default timing policy (see docs/policy.md); null means the default. */
  @Column({ name: 'timing_policy', type: 'jsonb', nullable: true }) timingPolicy!: Record<string, unknown> | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
