import { Foundation1763888000000 } from './1763888000000-foundation';
import { TrajectoryFacts1763900000000 } from './1763900000000-trajectory-facts';
import { Handovers1763910000000 } from './1763910000000-handovers';
import { Notifications1763920000000 } from './1763920000000-notifications';
import { AuditRecords1763930000000 } from './1763930000000-audit-records';
import { IdentityAndRetention1763940000000 } from './1763940000000-identity-and-retention';
import { TaskInbox1763950000000 } from './1763950000000-task-inbox';
import { RegionInbox1763960000000 } from './1763960000000-region-inbox';
import { Pseudonyms1763990000000 } from './1763990000000-pseudonyms';
import { RefusalTallies1764000000000 } from './1764000000000-refusal-tallies';
import { Continuity1764010000000 } from './1764010000000-continuity';
import { Signals1764200000000 } from './1764200000000-signals';
import { LawfulPlacements1764300000000 } from './1764300000000-lawful-placements';

/** Every migration, in order. Reviewed files with up and down; the schema never comes from `synchronize`. */
export const MIGRATIONS = [
  Foundation1763888000000,
  TrajectoryFacts1763900000000,
  Handovers1763910000000,
  Notifications1763920000000,
  AuditRecords1763930000000,
  IdentityAndRetention1763940000000,
  TaskInbox1763950000000,
  RegionInbox1763960000000,
  Pseudonyms1763990000000,
  RefusalTallies1764000000000,
  Continuity1764010000000,
  Signals1764200000000,
  LawfulPlacements1764300000000,
];
