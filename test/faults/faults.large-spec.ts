import { spreadingInterval } from '../../scripts/bench/fire-lag';
import { faultSuite } from './fault-suite';

// `npm run test:faults`: 200 trajectories, an evaluation every 31 s each (about 6.5 fires and 20 tasks a second),
// five minutes of kills and restarts.
faultSuite(
  {
    trajectories: 200,
    loadSeconds: 300,
    intervalSeconds: spreadingInterval(30),
    workerKillEverySeconds: [8, 15],
    settleSeconds: 120,
  },
  900_000,
);
