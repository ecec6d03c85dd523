import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('municipalities')
export class MunicipalityEntity {
  /** CBS code, e.g. GM0599. */
  @PrimaryColumn({ type: 'char', length: 6 }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId!: string;
}
