import type { IdentifyingField } from '@doorloop/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('regions')
export class RegionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 32, unique: true }) code!: string;
  @Column({ type: 'text' }) name!: string;
  /** A region's overrides of the default timing policy (see docs/policy.md); null means the default. */
  @Column({ name: 'timing_policy', type: 'jsonb', nullable: true }) timingPolicy!: Record<string, unknown> | null;
  /** The identifying fields the region keeps (encrypted) next to the pseudonym; none by default. */
  @Column({ name: 'identifying_fields', type: 'text', array: true, default: () => "'{}'" })
  identifyingFields!: IdentifyingField[];
  /** Every pseudonym of the region starts with it and a hyphen (`TRJ-7F3K`); see libs/domain pseudonym.ts. */
  @Column({ name: 'pseudonym_prefix', type: 'varchar', length: 6, default: 'TRJ' }) pseudonymPrefix!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
