import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { WorkflowNotFoundError, type DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { APP_CONFIG, formatRetention, publicBaseUrl, type AppConfig } from '@doorloop/config';
import {
  AgendaRepository,
  HandoverRepository,
  NotificationRepository,
  RetentionRepository,
  SignalRepository,
  TaskRepository,
  TrajectoryRepository,
} from '@doorloop/persistence';
import { dataConverter, trajectoryWorkflowId } from '@doorloop/temporal';
import { createSignalTriageActivities } from './signal-triage.activities';
import { createActivities } from './activities';
import { Mailer } from './notifications/mailer';
import { createRetentionActivities } from './retention/retention.activities';
import { ensureRetentionSchedule } from './retention/retention-schedule';
import { routeTemporalLogs } from './temporal-runtime-logging';
import { defaultBundlePath } from './workflow-bundle';

/**
 * Runs the Temporal worker for the trajectory task queue. Its run promise is awaited on shutdown, so activities in
 * flight get the grace time to finish and nothing is left half-done; a worker that dies on its own stops the process.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;
  /** Built with the service, so missing payload keys stop the start-up before anything connects. */
  private readonly dataConverter: DataConverter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tasks: TaskRepository,
    private readonly agenda: AgendaRepository,
    private readonly trajectories: TrajectoryRepository,
    private readonly handovers: HandoverRepository,
    private readonly notifications: NotificationRepository,
    private readonly mailer: Mailer,
    private readonly retention: RetentionRepository,
    private readonly signals: SignalRepository,
  ) {
    this.dataConverter = dataConverter(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    routeTemporalLogs(this.logger);
    this.connection = await NativeConnection.connect({ address: this.config.TEMPORAL_ADDRESS });
    const client = new Client({
      connection: this.connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      dataConverter: this.dataConverter,
    });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      workflowBundle: { codePath: this.config.WORKFLOW_BUNDLE_PATH ?? defaultBundlePath() },
      // Codecs run in the worker's main thread, outside the workflow sandbox: the prebuilt bundle needs nothing of them.
      dataConverter: this.dataConverter,
      activities: {
        ...createActivities({
          tasks: this.tasks,
          agenda: this.agenda,
          trajectories: this.trajectories,
          handovers: this.handovers,
          notifications: this.notifications,
          mailer: this.mailer,
          publicUrl: publicBaseUrl(this.config),
        }),
        ...createSignalTriageActivities({
          notifications: this.notifications,
          mailer: this.mailer,
          publicUrl: publicBaseUrl(this.config),
        }),
        ...createRetentionActivities({
          retention: this.retention,
          periods: this.config.RETENTION,
          signals: this.signals,
          signalPeriod: this.config.SIGNAL_RETENTION,
          workflowRunning: (trajectoryId) => workflowRunning(client, trajectoryId),
          logger: this.logger,
        }),
      },
      shutdownGraceTime: `${this.config.SHUTDOWN_GRACE_SECONDS} seconds`,
      // The SDK's default follows the heap limit (about 2,300 on a 4 GiB heap) and lets the worker grow past 1.5 GiB
      // with thousands of trajectories; replaying a short history costs less than holding it (docs/performance.md).
      maxCachedWorkflows: this.config.WORKER_MAX_CACHED_WORKFLOWS,
    });
    const scheduleId = await ensureRetentionSchedule(client, this.config.TEMPORAL_TASK_QUEUE);
    this.running = this.worker.run();
    this.running.catch((error: unknown) => {
      this.logger.error({ err: error }, 'Temporal worker stopped unexpectedly');
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    });
    this.logger.log(`Worker polling task queue ${this.config.TEMPORAL_TASK_QUEUE} on ${this.config.TEMPORAL_ADDRESS}`);
    this.logger.log({ scheduleId, retention: formatRetention(this.config.RETENTION) }, 'Retention job scheduled daily');
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}

async function workflowRunning(client: Client, trajectoryId: string): Promise<boolean> {
  try {
    const { status } = await client.workflow.getHandle(trajectoryWorkflowId(trajectoryId)).describe();
    return status.name === 'RUNNING';
  } catch (error) {
    // Gone from Temporal (namespace retention removed it): nothing runs.
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}
