import type { Client } from '@temporalio/client';
import { runConcurrently, summarise, type Latency } from './stats';

export interface HistoryStats {
  /** Workflow runs listed (a continue-as-new makes a new run of the same workflow). */
  runs: number;
  workflows: number;
  continuedAsNew: number;
  eventsPerRun: Latency;
  /** The longest run's event count, and how far it is from Temporal's suggestion to continue as new (4,096). */
  maxEvents: number;
}

/**
 * History events of every run of the trajectory workflows: closed runs (those that continued as new among them) from
 * Temporal's visibility store, which records their length when they close; running ones from `describe`, which gives
 * their length so far.
 */
export async function historyStats(client: Client, workflowType: string): Promise<HistoryStats> {
  const lengths: number[] = [];
  const workflows = new Set<string>();
  const running: { workflowId: string; runId: string }[] = [];
  let continuedAsNew = 0;
  for await (const run of client.workflow.list({ query: `WorkflowType = '${workflowType}'` })) {
    workflows.add(run.workflowId);
    if (run.status.name === 'RUNNING') running.push(run);
    else lengths.push(run.historyLength);
    if (run.status.name === 'CONTINUED_AS_NEW') continuedAsNew++;
  }
  await runConcurrently(running, 16, async ({ workflowId, runId }) => {
    lengths.push((await client.workflow.getHandle(workflowId, runId).describe()).historyLength);
  });
  return {
    runs: lengths.length,
    workflows: workflows.size,
    continuedAsNew,
    eventsPerRun: summarise(lengths),
    maxEvents: Math.max(0, ...lengths),
  };
}
