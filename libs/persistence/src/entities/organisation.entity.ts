import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('organisations')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId!: string;
  @Column({ type: 'text' }) name!: string;
  /** The chain role the organisation plays: a partner role, `coordinator` or `municipality`. */
  @Column({ type: 'varchar', length: 32 }) role!: string;
  @Column({ name: 'municipality_code', type: 'char', length: 6, nullable: true }) municipalityCode!: string | null;
  /** The organisation's functional mailbox for reminders and overdue notices; never a person's address. */
  @Column({ name: 'notification_email', type: 'varchar', length: 254, nullable: true })
  notificationEmail!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
