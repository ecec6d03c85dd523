import type { DataSource } from 'typeorm';
import { TrajectoryEntity } from '@doorloop/persistence';
import type { CreateTrajectoryDto } from '../../apps/api/src/trajectories/trajectory.dto';
import { bornAgo } from '../dates';
import { pseudonym } from '../pseudonyms';
import type { TestRegion } from '../test-region';

/**
 * What a coordinator sends to open a trajectory in `region`: a girl of fifteen today (the date derives from today, so
 * the test passes on any day) in the region's first municipality, with the police as partner.
 */
export function trajectoryInput(region: TestRegion, overrides: Partial<CreateTrajectoryDto> = {}): CreateTrajectoryDto {
  return {
    pseudonym: pseudonym(),
    birthDate: bornAgo(15),
    municipalityCode: region.municipalities[0],
    partners: [{ organisationId: region.organisations.police, role: 'police' }],
    placements: [],
    courtMeasures: [],
    ...overrides,
  };
}

export function findTrajectory(dataSource: DataSource, id: string): Promise<TrajectoryEntity | null> {
  return dataSource.getRepository(TrajectoryEntity).findOneBy({ id });
}
