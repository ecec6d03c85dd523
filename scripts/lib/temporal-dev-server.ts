import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { waitUntil } from './wait-until';
import type { TemporalCli } from './temporal-cli';

const run = promisify(execFile);

export interface TemporalDevServerOptions {
  cli: TemporalCli;
  /** SQLite file for persistence; omit for an in-memory server. */
  dbFile?: string;
  port: number;
  uiPort?: number;
  namespace: string;
  /** Extra `--dynamic-config-value KEY=JSON` settings (e.g. lower history limits in tests). */
  dynamicConfig?: Record<string, unknown>;
  healthTimeoutMs?: number;
  log: (line: string) => void;
}

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  /** The server process, when we started it ourselves (not through the SDK). */
  pid?: number;
  stop(): Promise<void>;
}

/** Starts the Temporal dev server as a child process and resolves once `cluster health` answers SERVING. */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<RunningTemporal> {
  const address = `127.0.0.1:${options.port}`;
  const uiUrl = options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined;
  const dynamic = Object.entries({ 'frontend.enableExecuteMultiOperation': true, ...options.dynamicConfig }).flatMap(
    ([key, value]) => ['--dynamic-config-value', `${key}=${JSON.stringify(value)}`],
  );
  const args = [
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...dynamic,
  ];

  if (options.cli.source === 'sdk-download') return startThroughSdk(options, args, address, uiUrl);

  const child = spawn(options.cli.path, ['server', 'start-dev', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`Temporal dev server exited with ${code}: ${stderr.trim()}`))),
  );
  const cliPath = options.cli.path;
  try {
    await Promise.race([
      exited,
      waitUntil('the Temporal dev server', () => isHealthy(cliPath, address), options.healthTimeoutMs ?? 60_000, 500),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  exited.catch(() => undefined);
  // Last resort: if this process dies without stopping the server (a crashed test run), do not leave it behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    address,
    uiUrl,
    pid: child.pid,
    stop: async () => {
      await stopChild(child);
      process.removeListener('exit', killOnExit);
    },
  };
}

async function isHealthy(cli: string, address: string): Promise<boolean> {
  const { stdout } = await run(cli, ['operator', 'cluster', 'health', '--address', address], { timeout: 5000 });
  return stdout.includes('SERVING');
}

async function startThroughSdk(
  options: TemporalDevServerOptions,
  args: string[],
  address: string,
  uiUrl: string | undefined,
): Promise<RunningTemporal> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      dbFilename: options.dbFile,
      ip: '127.0.0.1',
      port: options.port,
      uiPort: options.uiPort,
      namespace: options.namespace,
      extraArgs: args.filter((arg, i) => arg === '--dynamic-config-value' || args[i - 1] === '--dynamic-config-value'),
    },
  });
  return { address, uiUrl, stop: () => env.teardown() };
}

/** SIGTERM, then SIGKILL after a grace period: the server flushes its SQLite file on a clean stop. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
