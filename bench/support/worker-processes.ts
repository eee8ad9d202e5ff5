// Starts N `cuckoo-tc worker` processes for a benchmark, waits until each consumes, reads their
// resident memory, and stops them by their own pids.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** USER_HZ of /proc/<pid>/stat; 100 on every Linux we run on. */
const CLOCK_TICKS = 100;

const MAIN = fileURLToPath(new URL('./worker-main.ts', import.meta.url));
const BUILT_CLI = fileURLToPath(new URL('../../apps/cli/bin/cuckoo-tc.js', import.meta.url));

/** How to start the workers. */
export interface WorkerProcessOptions {
  /** Run the built CLI (`npm run build` first) instead of the sources through tsx. */
  built?: boolean;
  /** @defaultValue 120 s */
  timeoutMs?: number;
}

/** Running worker processes. */
export interface WorkerProcesses {
  readonly pids: readonly number[];
  /** Resident set size of each process now, in bytes (0 when it is gone). */
  rss(): Promise<number[]>;
  /** CPU time (user + system) each process has used so far, in seconds. */
  cpuSeconds(): Promise<number[]>;
  /** SIGTERM to each, then waits for its exit. */
  stop(): Promise<void>;
}

function waitStarted(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker ${child.pid} did not start`)),
      timeoutMs,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', line => {
      if (line.includes('"worker started"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`worker ${child.pid} exited with ${code} before starting`));
    });
  });
}

async function rssOf(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) process `pid` has used; 0 when it is gone. */
export async function cpuSecondsOf(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** Starts `count` worker processes with `env` (info logs, to see them start). */
export async function startWorkerProcesses(
  count: number,
  env: Record<string, string>,
  options: WorkerProcessOptions = {},
): Promise<WorkerProcesses> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const args = options.built
    ? [BUILT_CLI, 'worker']
    : ['--conditions=source', '--import', 'tsx', MAIN];
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, args, {
      env: { ...process.env, ...env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(child =>
        child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve()
          : new Promise<void>(resolve => {
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
      ),
    );
  };
  try {
    await Promise.all(children.map(child => waitStarted(child, timeoutMs)));
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    pids: children.map(c => c.pid ?? 0),
    rss: () => Promise.all(children.map(c => rssOf(c.pid ?? 0))),
    cpuSeconds: () => Promise.all(children.map(c => cpuSecondsOf(c.pid ?? 0))),
    stop,
  };
}
