import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A trajectory's identifying fields, encrypted (see libs/crypto EnvelopeCipher): its own data key, wrapped by the
 * master key `keyId` of FIELD_KEYS, and each value sealed with that data key; null where nothing is kept. Never holds
 * a value in clear. Deleting the row destroys the data key, and so every copy of the values (crypto-shredding).
 */
@Entity('trajectory_identities')
export class TrajectoryIdentityEntity {
  @PrimaryColumn({ name: 'trajectory_id', type: 'uuid' }) trajectoryId!: string;
  @Column({ name: 'key_id', type: 'varchar', length: 64 }) keyId!: string;
  @Column({ name: 'wrapped_key', type: 'bytea' }) wrappedKey!: Buffer;
  @Column({ type: 'bytea', nullable: true }) name!: Buffer | null;
  @Column({ type: 'bytea', nullable: true }) bsn!: Buffer | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
