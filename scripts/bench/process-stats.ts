import { readdir, readFile } from 'node:fs/promises';

/** Resident set size of a process in MiB (Linux /proc), or undefined when it is gone or /proc is not there. */
export async function rssMiB(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kib === undefined ? undefined : Math.round((Number(kib) / 1024) * 10) / 10;
  } catch {
    return undefined;
  }
}

/** Samples the RSS of some processes every `everyMs` and keeps the peak of each, and the latest reading. */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  private readonly latest = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly processes: () => Record<string, number | undefined>) {}

  start(everyMs = 1000): void {
    this.timer = setInterval(() => void this.sample(), everyMs);
    this.timer.unref();
  }

  async sample(): Promise<Record<string, number | undefined>> {
    const readings: Record<string, number | undefined> = {};
    for (const [name, pid] of Object.entries(this.processes())) {
      const rss = pid === undefined ? undefined : await rssMiB(pid);
      readings[name] = rss;
      if (rss === undefined) continue;
      this.latest.set(name, rss);
      this.peaks.set(name, Math.max(rss, this.peaks.get(name) ?? 0));
    }
    return readings;
  }

  peak(name: string): number | undefined {
    return this.peaks.get(name);
  }

  /** Forgets the peaks so far (e.g. between phases). */
  resetPeaks(): void {
    this.peaks.clear();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; undefined when it is gone. */
async function cpuSeconds(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Busy and total CPU time of the whole machine, from /proc/stat (in clock ticks). */
async function machineTicks(): Promise<{ busy: number; total: number }> {
  const [line] = (await readFile('/proc/stat', 'utf8')).split('\n');
  const ticks = line.split(/\s+/).slice(1).map(Number);
  const idle = ticks[3] + ticks[4];
  const total = ticks.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

export interface CpuUse {
  seconds: number;
  /** Share of the machine's CPU time that was busy, all processes together (other work on it included). */
  machineBusyPercent: number;
  /** Per process: percent of one core. */
  processPercentOfACore: Record<string, number | undefined>;
}

/** A process and its children (PostgreSQL: the postmaster and its backends), by parent pid, from /proc. */
export async function withChildren(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return [pid, ...children];
}

async function groupCpuSeconds(pids: readonly number[]): Promise<Map<number, number>> {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    const value = await cpuSeconds(pid);
    if (value !== undefined) seconds.set(pid, value);
  }
  return seconds;
}

/**
 * How busy the machine and each process (or group of processes) were between this call and the call of the function
 * it returns. A group counts the processes that lived through the whole interval.
 */
export async function measureCpu(
  processes: Record<string, number | readonly number[] | undefined>,
): Promise<() => Promise<CpuUse>> {
  const startedAt = Date.now();
  const machineBefore = await machineTicks();
  const groups = Object.entries(processes).map(
    ([name, pids]) => [name, pids === undefined ? [] : typeof pids === 'number' ? [pids] : pids] as const,
  );
  const before = new Map(
    await Promise.all(groups.map(async ([name, pids]) => [name, await groupCpuSeconds(pids)] as const)),
  );
  return async () => {
    const seconds = (Date.now() - startedAt) / 1000;
    const machineAfter = await machineTicks();
    const processPercentOfACore: Record<string, number | undefined> = {};
    for (const [name, pids] of groups) {
      const after = await groupCpuSeconds(pids);
      const was = before.get(name) ?? new Map<number, number>();
      const used = [...after].reduce((sum, [pid, value]) => sum + (was.has(pid) ? value - (was.get(pid) ?? 0) : 0), 0);
      processPercentOfACore[name] = after.size === 0 ? undefined : Math.round((used / seconds) * 100);
    }
    return {
      seconds: Math.round(seconds),
      machineBusyPercent: Math.round(
        ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * 100,
      ),
      processPercentOfACore,
    };
  };
}
