import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@doorloop/config';
import { FailedLoginTallyRepository } from '@doorloop/persistence';
import { AuditTrail } from './audit-trail';
import { aggregateEntry } from './refusal-tally';

/**
 * Turns the counted refusals of closed windows into audit records: at start-up (what an earlier run, or a replica that
 * is gone, left), every quarter window while running, and at shutdown, when the open windows are closed early too. The
 * counters are in PostgreSQL, so a crash loses none: the next sealing by any replica records them, late. A refusal
 * answered while the api is shutting down, after the last sealing, waits in its counter for the next start.
 */
@Injectable()
export class RefusalTallySealer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditTrail');
  private timer: NodeJS.Timeout | undefined;
  private sealing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly tallies: FailedLoginTallyRepository,
    private readonly trail: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.seal(false);
    const every = Math.max(1000, this.config.AUDIT_FAILED_LOGIN_WINDOW_SECONDS * 250);
    this.timer = setInterval(() => void this.seal(false), every);
    this.timer.unref();
  }

  /** Refusals answered until now are counted first, then every window is sealed, the open ones closed early. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.trail.settled();
    await this.seal(true);
  }

  /** One sealing at a time in this process; a failure is logged and the counters wait for the next one. */
  private seal(all: boolean): Promise<unknown> {
    const singles = this.config.AUDIT_SINGLE_FAILED_LOGINS_PER_WINDOW;
    this.sealing = this.sealing
      .then(() =>
        this.tallies.seal(this.config.AUDIT_FAILED_LOGIN_WINDOW_SECONDS, (tally) => aggregateEntry(tally, singles), {
          all,
        }),
      )
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'Counted refusals could not be sealed into the audit log; retried later');
      });
    return this.sealing;
  }
}
