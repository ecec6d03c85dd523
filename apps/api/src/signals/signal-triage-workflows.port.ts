import type { SignalTriageWorkflowInput } from '@doorloop/workflows';

/**
 * What the signals service asks of Temporal: start the triage workflow of a signal (ports and adapters, like
 * TrajectoryWorkflows). Throws when it could not be started; the caller then stores nothing.
 */
export abstract class SignalTriageWorkflows {
  abstract start(input: SignalTriageWorkflowInput): Promise<void>;
}
