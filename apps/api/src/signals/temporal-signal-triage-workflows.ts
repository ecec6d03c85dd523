import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '@doorloop/config';
import { SIGNAL_TRIAGE_WORKFLOW_TYPE, signalTriageWorkflowId } from '@doorloop/temporal';
import type { SignalTriageWorkflowInput } from '@doorloop/workflows';
import { SignalTriageWorkflows } from './signal-triage-workflows.port';

/** The port over the Temporal client: the workflow id carries the signal's opaque id only. */
@Injectable()
export class TemporalSignalTriageWorkflows extends SignalTriageWorkflows {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async start(input: SignalTriageWorkflowInput): Promise<void> {
    await this.temporal.workflow.start(SIGNAL_TRIAGE_WORKFLOW_TYPE, {
      workflowId: signalTriageWorkflowId(input.signalId),
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [input],
    });
  }
}
