import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * The production worker (apps/worker/src/main.ts) in a process of its own, run from the sources through
 * register-ts.js, so that the fault test can SIGKILL it mid-activity and start a fresh one, as an orchestrator would.
 */
export class WorkerProcess {
  private child?: ChildProcess;
  private stderr = '';
  /** How many times a worker was started (the first start included). */
  starts = 0;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /**
   * Starts a worker; the promise gives the moment it said it polls its task queue (it logs so at LOG_LEVEL info), or
   * the moment it exited if it never did (killed while starting: the next one's start then counts).
   */
  start(): Promise<number> {
    const child = spawn(
      process.execPath,
      ['-r', join(__dirname, 'register-ts.js'), join(ROOT, 'apps', 'worker', 'src', 'main.ts')],
      { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    const polling = new Promise<number>((resolve) => {
      let tail = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        tail = (tail + chunk.toString()).slice(-4000);
        if (tail.includes('Worker polling task queue')) resolve(Date.now());
      });
      child.once('exit', () => resolve(Date.now()));
    });
    this.child = child;
    this.starts++;
    return polling;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The end of what the worker wrote to stderr, for a failure message. */
  get lastOutput(): string {
    return this.stderr;
  }

  /** SIGKILL: no shutdown hook runs, activities in flight are cut off mid-way. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: the worker drains and stops as in a deployment. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
}
