// Shared parts of the reliability suites: real `cuckoo-tc worker` processes (the pipeline tests'
// fixture, run from source), bounded waiting for the queues to drain, and the exactly-once check
// on the emulator's own state.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Job } from 'bullmq';
import { expect } from 'vitest';
import type { AppConfig } from '@cuckoo-tc/config';
import { analysisXid } from '@cuckoo-tc/indicators';
import { DEFAULT_USER, type EmulatorState } from '@cuckoo-tc/tc-emulator';
import { analyseReport, analysisSettingsFromConfig, readDeliveryRecord } from '@cuckoo-tc/worker';
import { INSTANCE, sleep, type Pipeline } from '../pipeline/harness.js';
import type { GeneratedReport } from './good-reports.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const WORKER_ENTRY = path.join(root, 'test', 'pipeline', 'fixtures', 'worker-process.ts');

/** Seconds of a job lock in the worker processes: a killed worker's jobs return within ~2x. */
export const LOCK_SECONDS = 2;

/** A spawned `cuckoo-tc worker` process. */
export interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

/** Spawns `cuckoo-tc worker` with the same settings as the pipeline's test configuration. */
export function spawnWorker(
  p: Pipeline,
  redisUrl: string,
  env: Record<string, string> = {},
): WorkerProcess {
  let output = '';
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', WORKER_ENTRY], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      REDIS_URL: redisUrl,
      CUCKOO_TC_REDIS_PREFIX: p.prefix,
      TC_API_URL: p.emulator.url,
      TC_ACCESS_ID: DEFAULT_USER.accessId,
      TC_SECRET_KEY: DEFAULT_USER.secretKey,
      TC_OWNER: DEFAULT_USER.defaultOwner,
      CUCKOO_INSTANCE: INSTANCE,
      CUCKOO_TC_TREAT_AS_PUBLIC: p.config.filters.treatAsPublic.join(','),
      CUCKOO_TC_METRICS_ENABLED: 'false',
      TC_RETRY_BASE_DELAY_MS: '100',
      TC_RETRY_MAX_DELAY_MS: '2000',
      TC_REQUESTS_PER_SECOND: '500',
      TC_TIMEOUT_MS: '2000',
      CUCKOO_TC_SHUTDOWN_TIMEOUT_SECONDS: '5',
      CUCKOO_TC_LOCK_SECONDS: String(LOCK_SECONDS),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep only the tail: a long run must not grow the test's memory without bound.
  const keep = (d: Buffer): void => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
  return { child, exited, output: () => output };
}

/** SIGKILLs a worker process and waits until it is gone. */
export async function killHard(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) {
    worker.child.kill('SIGKILL');
  }
  await worker.exited;
}

/** Stops a worker process with SIGTERM (its bounded graceful shutdown), SIGKILL after 15 s. */
export async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) {
    return;
  }
  worker.child.kill('SIGTERM');
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), 15_000);
  await worker.exited;
  clearTimeout(timer);
}

const BUSY_STATES = ['wait', 'active', 'delayed', 'waiting-children', 'prioritized'] as const;

/** Job counts of the three queues. */
export async function queueCounts(p: Pipeline): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  for (const q of [p.parse, p.incidents, p.indicators]) {
    out[q.name] = await q.getJobCounts(...BUSY_STATES, 'completed', 'failed');
  }
  return out;
}

/**
 * Waits until `parseJobs` parse jobs have finished and no queue holds unfinished work; throws
 * with the last counts after `timeoutMs`.
 */
export async function waitForDrain(
  p: Pipeline,
  parseJobs: number,
  timeoutMs: number,
  onTick: () => Promise<void> | void = () => undefined,
): Promise<Record<string, Record<string, number>>> {
  const deadline = Date.now() + timeoutMs;
  let counts = await queueCounts(p);
  while (Date.now() < deadline) {
    await onTick();
    counts = await queueCounts(p);
    const parse = counts.parse ?? {};
    const finished = (parse.completed ?? 0) + (parse.failed ?? 0);
    const busy = Object.values(counts).some(c => BUSY_STATES.some(s => (c[s] ?? 0) > 0));
    if (finished >= parseJobs && !busy) {
      return counts;
    }
    await sleep(250);
  }
  throw new Error(`queues not drained after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
}

/** What the dry run (`cuckoo-tc parse --json`) says each analysis should send, as summaries. */
export async function expectedSummaries(
  config: AppConfig,
  reports: readonly Pick<GeneratedReport, 'taskId' | 'file'>[],
): Promise<Map<number, string[]>> {
  const settings = await analysisSettingsFromConfig(config);
  const out = new Map<number, string[]>();
  for (const r of reports) {
    const { result } = await analyseReport(r.file, settings, { taskId: r.taskId });
    out.set(
      r.taskId,
      result.indicators.map(i => (i.type === 'File' ? i.value.toLowerCase() : i.value)).sort(),
    );
  }
  return out;
}

/** The delivery record and the flow's jobs of one analysis, for a failure message. */
async function diagnose(p: Pipeline, taskId: number): Promise<string> {
  const record = await readDeliveryRecord(p.redis, {
    prefix: p.prefix,
    instance: INSTANCE,
    taskId,
  });
  const jobs: Record<string, unknown>[] = [];
  for (const q of [p.parse, p.incidents, p.indicators]) {
    for (const id of await p.redis.keys(`${p.prefix}:${q.name}:*-${INSTANCE}-${taskId}-*`)) {
      const jobId = id.slice(`${p.prefix}:${q.name}:`.length);
      const job = jobId.includes(':') ? undefined : await Job.fromId(q as never, jobId);
      if (job) {
        jobs.push({
          id: job.id,
          state: await job.getState(),
          attemptsMade: job.attemptsMade,
          stalled: job.stalledCounter,
          failedReason: job.failedReason,
          returnvalue: job.returnvalue as unknown,
          processedBy: job.processedBy,
          finishedOn: job.finishedOn,
        });
      }
    }
  }
  return `delivery ${JSON.stringify(record)}; jobs ${JSON.stringify(jobs)}`;
}

/** Figures of one exactly-once check. */
export interface DeliveryFigures {
  analyses: number;
  incidents: number;
  associations: number;
  indicators: number;
  duplicateIncidents: number;
  duplicateIndicators: number;
  failedJobs: number;
}

function summariesOf(state: EmulatorState, ids: readonly number[]): string[] {
  const byId = new Map(state.indicators.map(i => [i.id, i]));
  return ids
    .map(id => byId.get(id))
    .map(i =>
      i === undefined ? '<missing>' : i.type === 'File' ? i.summary.toLowerCase() : i.summary,
    )
    .sort();
}

/**
 * Asserts exactly-once effects on the emulator's state: one incident per analysis (by xid) with
 * exactly the expected association set, no stray incident, no indicator twice, nothing failed,
 * every delivery recorded as delivered. Returns the figures.
 */
export async function expectExactlyOnce(
  p: Pipeline,
  expected: ReadonlyMap<number, readonly string[]>,
  options: {
    /** Failed jobs expected (permanently bad input). @defaultValue 0 */
    failedJobs?: number;
    /** Incidents expected besides those of `expected`. @defaultValue 0 */
    otherIncidents?: number;
    /** Analyses allowed to be delivered with warnings. */
    withWarnings?: ReadonlySet<number>;
  } = {},
): Promise<DeliveryFigures> {
  const state = p.emulator.state();
  const byXid = new Map<string, EmulatorState['groups']>();
  for (const g of state.groups) {
    byXid.set(g.xid ?? '<none>', [...(byXid.get(g.xid ?? '<none>') ?? []), g]);
  }
  let associations = 0;
  const wrong: string[] = [];
  for (const [taskId, summaries] of expected) {
    const groups = byXid.get(analysisXid(INSTANCE, taskId)) ?? [];
    if (groups.length !== 1) {
      wrong.push(`task ${taskId}: ${groups.length} incidents; ${await diagnose(p, taskId)}`);
      continue;
    }
    const got = summariesOf(state, groups[0]!.associatedIndicatorIds);
    associations += got.length;
    if (JSON.stringify(got) !== JSON.stringify(summaries)) {
      wrong.push(
        `task ${taskId}: associated ${JSON.stringify(got)} != ${JSON.stringify(summaries)}; ` +
          (await diagnose(p, taskId)),
      );
    }
  }
  expect(wrong).toEqual([]);
  const keys = state.indicators.map(i => `${i.type} ${i.summary.toLowerCase()}`);
  const counts = await queueCounts(p);
  const failedJobs = Object.values(counts).reduce((n, c) => n + (c.failed ?? 0), 0);
  const figures: DeliveryFigures = {
    analyses: expected.size,
    incidents: state.groups.length,
    associations,
    indicators: state.indicators.length,
    duplicateIncidents: state.groups.length - byXid.size,
    duplicateIndicators: keys.length - new Set(keys).size,
    failedJobs,
  };
  expect(figures).toMatchObject({
    incidents: expected.size + (options.otherIncidents ?? 0),
    duplicateIncidents: 0,
    duplicateIndicators: 0,
    failedJobs: options.failedJobs ?? 0,
  });
  for (const taskId of expected.keys()) {
    const record = await readDeliveryRecord(p.redis, {
      prefix: p.prefix,
      instance: INSTANCE,
      taskId,
    });
    expect(record?.status, `delivery record of task ${taskId}`).toBe(
      options.withWarnings?.has(taskId) ? 'delivered-with-warnings' : 'delivered',
    );
  }
  return figures;
}

/** Attempt figures over every finished job of the three queues. */
export interface AttemptFigures {
  jobs: number;
  /** Jobs taken back from a dead or stalled worker at least once (BullMQ's stall counter). */
  stalledJobs: number;
  /** Jobs taken back more than once (held by two or more workers that died). */
  multiStalledJobs: number;
  /** Failed runs: attemptsMade beyond the one successful run. */
  failedRuns: number;
  /** attemptsMade per job name, summed. */
  attemptsByName: Record<string, number>;
}

/** Reads attemptsMade and the stall counter of every completed or failed job. */
export async function attemptFigures(p: Pipeline): Promise<AttemptFigures> {
  const out: AttemptFigures = {
    jobs: 0,
    stalledJobs: 0,
    multiStalledJobs: 0,
    failedRuns: 0,
    attemptsByName: {},
  };
  for (const q of [p.parse, p.incidents, p.indicators]) {
    const completed = (await q.getJobs(['completed'], 0, -1)) as Job[];
    const failed = (await q.getJobs(['failed'], 0, -1)) as Job[];
    for (const job of [...completed, ...failed]) {
      // A completed job's attemptsMade counts its successful run too.
      const failedRun = failed.includes(job) ? 0 : 1;
      out.jobs++;
      out.stalledJobs += job.stalledCounter > 0 ? 1 : 0;
      out.multiStalledJobs += job.stalledCounter > 1 ? 1 : 0;
      out.failedRuns += Math.max(0, job.attemptsMade - failedRun);
      out.attemptsByName[job.name] = (out.attemptsByName[job.name] ?? 0) + job.attemptsMade;
    }
  }
  return out;
}
