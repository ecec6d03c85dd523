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

  start(): void {
    const child = spawn(
      process.execPath,
      ['-r', join(__dirname, 'register-ts.js'), join(ROOT, 'apps', 'worker', 'src', 'main.ts')],
      { cwd: ROOT, env: this.env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.child = child;
    this.starts++;
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
