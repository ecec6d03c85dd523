import { spreadingInterval } from '../../scripts/bench/fire-lag';
import { faultSuite } from './fault-suite';

// CI size: eight trajectories fire an evaluation every 23 s for 35 s while the worker is SIGKILLed every 5–8 s, the
// Temporal dev server is killed and restarted, and PostgreSQL crashes and recovers. The settling may take up to 90 s: a
// fire cut off by the last kill is tried again only after its activity's 30 s start-to-close timeout; it ends as soon
// as everything reconciles.
faultSuite(
  {
    trajectories: 8,
    loadSeconds: 35,
    intervalSeconds: spreadingInterval(20),
    workerKillEverySeconds: [5, 8],
    maxUnavailableDuringFaults: 40,
    settleSeconds: 90,
  },
  240_000,
);
