import { execFile } from 'node:child_process';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { promisify } from 'node:util';
import type { Pool } from 'pg';

const run = promisify(execFile);

export interface MachineDescription {
  cpu: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  kernel: string;
  node: string;
  postgres: string;
  temporal: string;
  /** 1, 5 and 15 minute load averages: other work on the machine shares its cores with the bench. */
  loadAverage: number[];
}

/** What the figures were measured on: cores, memory, versions, and how busy the machine was. */
export async function describeMachine(db: Pool, temporalCli: string | undefined): Promise<MachineDescription> {
  const [{ version }] = (await db.query<{ version: string }>('SELECT version()')).rows;
  let temporal = 'external (not started by the bench)';
  if (temporalCli) {
    const { stdout } = await run(temporalCli, ['--version']).catch(() => ({ stdout: 'unknown' }));
    temporal = stdout.trim();
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    postgres: version.split(' on ')[0],
    temporal,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}
