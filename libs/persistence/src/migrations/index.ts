import { Foundation1763888000000 } from './1763888000000-foundation';
import { TrajectoryFacts1763900000000 } from './1763900000000-trajectory-facts';
import { Handovers1763910000000 } from './1763910000000-handovers';

/** Every migration, in order. Reviewed files with up and down; the schema never comes from `synchronize`. */
export const MIGRATIONS = [Foundation1763888000000, TrajectoryFacts1763900000000, Handovers1763910000000];
