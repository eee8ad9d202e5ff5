// Backlog delivery time under 50 ms ThreatConnect latency: the real reports repeated into a
// backlog of distinct analyses, delivered by our worker processes, then the same analyses by the
// sequential seed-pattern client, against the same emulator (state reset in between).
// Run from the repo root: npx tsx --conditions=source bench/backlog-latency.ts [REPEATS] [PROCESSES]
import { randomUUID } from 'node:crypto';
import { startRedisServer } from '@cuckoo-tc/redis-server';
import { createEmulator, DEFAULT_USER, type Emulator } from '@cuckoo-tc/tc-emulator';
import { analyseReport, analysisSettingsFromConfig } from '@cuckoo-tc/worker';
import { Redis } from 'ioredis';
import { SeedClient } from './seed-client/seed-client.js';
import { seedAnalysisOf, type SeedAnalysis } from './seed-client/seed-analysis.js';
import { machineLine } from './support/machine.js';
import {
  benchConfig,
  benchEnv,
  enqueueReport,
  parseQueue,
  waitForAll,
  type BenchTarget,
} from './support/pipeline.js';
import { realReports, type RealReport } from './support/real-reports.js';
import { cpuSecondsOf, startWorkerProcesses } from './support/worker-processes.js';

const repeats = Number(process.argv[2] ?? 10);
const processes = Number(process.argv[3] ?? 2);
const LATENCY_MS = 50;

interface Backlog {
  taskIds: number[];
  paths: string[];
}

function backlogOf(reports: readonly RealReport[]): Backlog {
  const taskIds: number[] = [];
  const paths: string[] = [];
  for (let r = 0; r < repeats; r++) {
    for (const report of reports) {
      taskIds.push(taskIds.length + 1);
      paths.push(report.path);
    }
  }
  return { taskIds, paths };
}

/** CPU seconds this process (benchmark driver and in-process emulator) has used. */
function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Our pipeline: worker processes already consuming, then the whole backlog enqueued. */
async function runOurs(
  target: BenchTarget,
  redis: Redis,
  backlog: Backlog,
  redisPid: number,
): Promise<number> {
  const workers = await startWorkerProcesses(processes, benchEnv(target));
  const queue = parseQueue(redis, target.prefix);
  try {
    const cpu = {
      workers: sum(await workers.cpuSeconds()),
      redis: await cpuSecondsOf(redisPid),
      own: ownCpuSeconds(),
    };
    const started = performance.now();
    for (const [i, taskId] of backlog.taskIds.entries()) {
      await enqueueReport(queue, taskId, backlog.paths[i] ?? '');
    }
    const failed = await waitForAll(redis, target.prefix, backlog.taskIds, 30 * 60_000, 50);
    const ms = performance.now() - started;
    const used = {
      workers: sum(await workers.cpuSeconds()) - cpu.workers,
      redis: (await cpuSecondsOf(redisPid)) - cpu.redis,
      own: ownCpuSeconds() - cpu.own,
    };
    console.log(
      `ours: CPU used during the run: workers ${used.workers.toFixed(1)} s, redis-server ${used.redis.toFixed(1)} s, ` +
        `emulator + driver ${used.own.toFixed(1)} s`,
    );
    if (failed > 0) {
      console.log(`warning: ${failed} analyses failed`);
    }
    return ms;
  } finally {
    await queue.close();
    await workers.stop();
  }
}

async function seedAnalyses(target: BenchTarget, backlog: Backlog): Promise<SeedAnalysis[]> {
  const config = await benchConfig(target);
  const settings = await analysisSettingsFromConfig(config);
  const out: SeedAnalysis[] = [];
  for (const [i, taskId] of backlog.taskIds.entries()) {
    const { result } = await analyseReport(backlog.paths[i] ?? '', settings, { taskId });
    out.push(seedAnalysisOf(result, taskId, config.cuckoo.reportLinkTemplate));
  }
  return out;
}

/** The seed pattern: one analysis after the other, one call after the other. */
async function runSeed(emulator: Emulator, analyses: readonly SeedAnalysis[]): Promise<number> {
  const seed = new SeedClient({
    baseUrl: emulator.url,
    ...DEFAULT_USER,
    owner: DEFAULT_USER.defaultOwner,
  });
  const started = performance.now();
  for (const analysis of analyses) {
    await seed.deliver(analysis);
  }
  return performance.now() - started;
}

async function main(reports: readonly RealReport[]): Promise<void> {
  const backlog = backlogOf(reports);
  console.log(machineLine());
  console.log(
    `${backlog.taskIds.length} analyses (${reports.length} real reports x ${repeats}), ` +
      `emulator latency ${LATENCY_MS} ms, ours: ${processes} worker processes`,
  );
  const server = await startRedisServer();
  const emulator = await createEmulator({ faults: { latencyMs: LATENCY_MS } });
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  const prefix = `bench-backlog-${randomUUID().slice(0, 8)}`;
  const target = { redisUrl: server.url, prefix, tcUrl: emulator.url, requestsPerSecond: 1000 };
  try {
    const analyses = await seedAnalyses(target, backlog);
    const oursMs = await runOurs(target, redis, backlog, server.process.pid ?? 0);
    const ours = emulator.state().requests;
    console.log(`ours: ${(oursMs / 1000).toFixed(1)} s wall, ${ours.total} requests`);
    console.log(`  by status ${JSON.stringify(ours.byStatus)}`);
    console.log(machineLine());
    emulator.reset();
    const seedCpu = ownCpuSeconds();
    const seedMs = await runSeed(emulator, analyses);
    console.log(`seed: CPU used (client + emulator) ${(ownCpuSeconds() - seedCpu).toFixed(1)} s`);
    const seed = emulator.state().requests;
    console.log(`seed: ${(seedMs / 1000).toFixed(1)} s wall, ${seed.total} requests`);
    console.log(`  by status ${JSON.stringify(seed.byStatus)}`);
    console.log(`speed-up (seed wall / ours wall): ${(seedMs / oursMs).toFixed(1)}x`);
  } finally {
    redis.disconnect();
    await emulator.close();
    await server.stop();
  }
  console.log(machineLine());
}

const reports = await realReports();
if (reports) {
  await main(reports);
}
