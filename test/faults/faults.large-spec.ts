import { spreadingInterval } from '../../scripts/bench/fire-lag';
import { faultSuite } from './fault-suite';

// `npm run test:faults`: 60 trajectories, an evaluation every 61 s each (about 1 fire and 3 tasks a second, and their
// completions), five minutes of a worker SIGKILL every 8–15 s and the Temporal and PostgreSQL restarts. At 200
// trajectories every 31 s (6.5 fires a second) the worker, cut off every 11 s, fell more than an interval behind and
// the workflows skipped occurrences as missed, as the domain rule says (docs/performance.md, "Fault tolerance").
faultSuite(
  {
    trajectories: 60,
    loadSeconds: 300,
    intervalSeconds: spreadingInterval(60),
    workerKillEverySeconds: [8, 15],
    maxUnavailableDuringFaults: 400,
    settleSeconds: 120,
  },
  900_000,
);
