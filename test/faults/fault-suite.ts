import { tokenFor } from '../stack';
import { runFaultScenario, type FaultReport, type FaultScenarioOptions } from './fault-scenario';

/**
 * The fault scenario and what must hold after it, for a size: the small one runs in CI with `npm test`
 * (faults.e2e-spec.ts), the large one with `npm run test:faults` (faults.large-spec.ts).
 */
export function faultSuite(options: Omit<FaultScenarioOptions, 'tokenFor'>, timeoutMs: number): void {
  describe(`faults: ${options.trajectories} trajectories, worker SIGKILLs, Temporal and PostgreSQL restarts`, () => {
    let report: FaultReport;

    beforeAll(async () => {
      report = await runFaultScenario({ ...options, tokenFor });
      process.stderr.write(
        `[faults] ${JSON.stringify({
          ...report,
          taskDiscrepancies: report.taskDiscrepancies.length,
          serverErrors: report.serverErrors.length,
          lastFaultHealedAt: report.lastFaultHealedAt && new Date(report.lastFaultHealedAt).toISOString(),
        })}\n`,
      );
    }, timeoutMs);

    it('faulted as planned', () => {
      expect(report.faults.workerKills).toBeGreaterThanOrEqual(3);
      expect(report.faults.temporalRestarts).toBe(1);
      expect(report.faults.postgresRestarts).toBe(1);
      expect(report.expectedTasks).toBeGreaterThan(0);
      // Every restarted worker said it polls, and the api was still asked things after the last fault had healed.
      expect(report.lastFaultHealedAt).toBeDefined();
      expect(report.observedAfterHealedMs).toBeGreaterThan(0);
    });

    it('holds every task the oracle expects exactly once, and no other', () => {
      expect(report.taskDiscrepancies).toEqual([]);
      expect(report.tasksExactlyOnce).toBe(report.expectedTasks);
    });

    it('records every completion that was answered, and nothing else', () => {
      expect(report.completionsSent).toBeGreaterThan(0);
      expect(report.completionDiscrepancies).toEqual([]);
      expect(report.tasksDone).toBe(report.completionsSent);
    });

    it('leaves no task open that the users were to answer: a stuck answer fails here', () => {
      expect(report.openAfterSettling).toEqual([]);
    });

    it(`answers at most ${options.maxUnavailableDuringFaults} 503s while faults last, none after the last has healed, never another server error`, () => {
      expect(report.serverErrors).toEqual([]);
      expect(report.unavailableAfterHealed).toEqual([]);
      expect(report.unavailableDuringFaults).toBeLessThanOrEqual(options.maxUnavailableDuringFaults);
    });

    it('lets the workflow know every completion', () => {
      expect(report.completionsUnknownToWorkflow).toEqual([]);
    });

    it('consolidates every fully answered evaluation exactly once, and nothing else', () => {
      expect(report.completedEvaluations).toBeGreaterThan(0);
      expect(report.consolidationsMissing).toEqual([]);
      expect(report.consolidationsDuplicated).toEqual([]);
      expect(report.consolidationsPremature).toEqual([]);
    });
  });
}
