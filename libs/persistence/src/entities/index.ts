import { HandoverEntity } from './handover.entity';
import { MilestoneEntity } from './milestone.entity';
import { MunicipalityEntity } from './municipality.entity';
import { OrganisationEntity } from './organisation.entity';
import { RegionEntity } from './region.entity';
import { TaskEntity } from './task.entity';
import { TrajectoryEntity } from './trajectory.entity';
import { TrajectoryIdentityEntity } from './trajectory-identity.entity';
import { UserEntity } from './user.entity';

export {
  MilestoneEntity,
  MunicipalityEntity,
  OrganisationEntity,
  RegionEntity,
  TaskEntity,
  TrajectoryEntity,
  TrajectoryIdentityEntity,
  UserEntity,
};
export * from './handover.entity';
export * from './milestone.entity';
export * from './task.entity';
export * from './trajectory.entity';
export * from './user.entity';

export const ENTITIES = [
  RegionEntity,
  MunicipalityEntity,
  OrganisationEntity,
  UserEntity,
  TrajectoryEntity,
  TaskEntity,
  MilestoneEntity,
  HandoverEntity,
  TrajectoryIdentityEntity,
];
