import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '../../scripts/lib/embedded-postgres';
import { freePort } from '../../scripts/lib/free-port';
import { provisionTemporalCli, type TemporalCli } from '../../scripts/lib/temporal-cli';
import { startTemporalDevServer, type RunningTemporal } from '../../scripts/lib/temporal-dev-server';
import { waitUntil } from '../../scripts/lib/wait-until';

const log = (line: string) => process.stderr.write(`[fault servers] ${line}\n`);

/**
 * A PostgreSQL and a Temporal dev server of the fault test's own, in a temporary directory, that it may crash and
 * restart without disturbing the servers the other test files share. Both keep their state on disk (the PostgreSQL
 * cluster, Temporal's SQLite file) and come back on the same ports, so clients reconnect to what they knew.
 */
export class FaultServers {
  private constructor(
    private readonly dir: string,
    private readonly pgPort: number,
    private readonly temporalPort: number,
    private readonly cli: TemporalCli,
    private postgres: RunningPostgres,
    private temporal: RunningTemporal,
  ) {}

  static async start(): Promise<FaultServers> {
    const dir = await mkdtemp(join(tmpdir(), 'doorloop-faults-'));
    await chmod(dir, 0o755); // PostgreSQL may run as another user (see startEmbeddedPostgres)
    const [pgPort, temporalPort, cli] = await Promise.all([freePort(), freePort(), provisionTemporalCli(log)]);
    const [postgres, temporal] = await Promise.all([
      startEmbeddedPostgres(join(dir, 'postgres'), pgPort, log),
      startTemporal(cli, dir, temporalPort),
    ]);
    return new FaultServers(dir, pgPort, temporalPort, cli, postgres, temporal);
  }

  get databaseUrl(): string {
    return this.postgres.url;
  }

  get temporalAddress(): string {
    return this.temporal.address;
  }

  /**
   * Crashes PostgreSQL (immediate shutdown: SIGQUIT to the postmaster, no checkpoint, every connection cut) and starts
   * it again on the same cluster, which recovers from its write-ahead log.
   */
  async restartPostgres(downMs: number): Promise<void> {
    const pidFile = join(this.dir, 'postgres', 'cluster', 'postmaster.pid');
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGQUIT');
    await waitUntil('PostgreSQL to go down', () => Promise.resolve(!isAlive(pid)), 30_000, 100);
    await new Promise((resolve) => setTimeout(resolve, downMs));
    this.postgres = await startEmbeddedPostgres(join(this.dir, 'postgres'), this.pgPort, log);
  }

  /** Kills the Temporal dev server (SIGKILL) and starts it again on the same SQLite file and port. */
  async restartTemporal(downMs: number): Promise<void> {
    const pid = this.temporal.pid;
    if (pid === undefined) throw new Error('the Temporal dev server was not started by us');
    process.kill(pid, 'SIGKILL');
    await waitUntil('Temporal to go down', () => Promise.resolve(!isAlive(pid)), 30_000, 100);
    await new Promise((resolve) => setTimeout(resolve, downMs));
    this.temporal = await startTemporal(this.cli, this.dir, this.temporalPort);
  }

  async stop(): Promise<void> {
    await this.temporal.stop().catch(() => undefined);
    await this.postgres.stop().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

function startTemporal(cli: TemporalCli, dir: string, port: number): Promise<RunningTemporal> {
  return startTemporalDevServer({
    cli,
    dbFile: join(dir, 'temporal.sqlite'),
    port,
    namespace: 'default',
    healthTimeoutMs: 120_000,
    log,
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
