// ThreatConnect calls per analysis over the real reports: our pipeline (cold indicator cache,
// then a second pass where every indicator recurs) beside the old module's v2 call pattern
// replayed by bench/seed-client, both counted by the emulator per route.
// Run from the repo root: npx tsx --conditions=source bench/tc-calls.ts
import { randomUUID } from 'node:crypto';
import { startRedisServer } from '@cuckoo-tc/redis-server';
import { createEmulator, DEFAULT_USER, type Emulator } from '@cuckoo-tc/tc-emulator';
import { createLogger } from '@cuckoo-tc/telemetry';
import { analyseReport, analysisSettingsFromConfig, createWorkers } from '@cuckoo-tc/worker';
import { Redis } from 'ioredis';
import { SeedClient } from './seed-client/seed-client.js';
import { seedAnalysisOf, seedIndicatorCount } from './seed-client/seed-analysis.js';
import { machineLine } from './support/machine.js';
import { benchConfig, enqueueReport, parseQueue, waitForAnalysis } from './support/pipeline.js';
import { realReports, type RealReport } from './support/real-reports.js';

type Counts = Record<string, number>;

/** Requests per route the emulator counted while `run` ran. */
async function counted(emulator: Emulator, run: () => Promise<unknown>): Promise<Counts> {
  const before = emulator.state().requests.byRoute;
  await run();
  const after = emulator.state().requests.byRoute;
  const out: Counts = {};
  for (const [route, n] of Object.entries(after)) {
    const diff = n - (before[route] ?? 0);
    if (diff > 0) {
      out[route] = diff;
    }
  }
  return out;
}

const total = (c: Counts): number => Object.values(c).reduce((a, b) => a + b, 0);

function addInto(into: Counts, c: Counts): void {
  for (const [route, n] of Object.entries(c)) {
    into[route] = (into[route] ?? 0) + n;
  }
}

async function deleteCache(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}:indicator-cache:*`);
  if (keys.length > 0) {
    await redis.del(...keys);
  }
}

interface Row {
  name: string;
  n: number;
  cold: number;
  /** The cold figure less the lookup of incidents made by the old module (TQL by attribute). */
  noLegacy: number;
  warm: number;
  seed: number;
}

function printRows(rows: readonly Row[]): void {
  console.log(
    `${'report'.padEnd(48)} ${'N'.padStart(3)} ${'ours cold'.padStart(9)} ${'-legacy'.padStart(7)} ${'N+3'.padStart(4)} ${'ours warm'.padStart(9)} ${'seed'.padStart(5)} ${'2N+7'.padStart(5)} ${'seed/ours'.padStart(9)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(48)} ${String(r.n).padStart(3)} ${String(r.cold).padStart(9)} ${String(r.noLegacy).padStart(7)} ${String(r.n + 3).padStart(4)} ${String(r.warm).padStart(9)} ${String(r.seed).padStart(5)} ${String(2 * r.n + 7).padStart(5)} ${(r.seed / r.cold).toFixed(2).padStart(9)}`,
    );
  }
  const sum = (f: (r: Row) => number): number => rows.reduce((a, r) => a + f(r), 0);
  console.log(
    `${'all reports'.padEnd(48)} ${String(sum(r => r.n)).padStart(3)} ${String(sum(r => r.cold)).padStart(9)} ${String(sum(r => r.noLegacy)).padStart(7)} ${String(sum(r => r.n + 3)).padStart(4)} ${String(sum(r => r.warm)).padStart(9)} ${String(sum(r => r.seed)).padStart(5)} ${String(sum(r => 2 * r.n + 7)).padStart(5)} ${(sum(r => r.seed) / sum(r => r.cold)).toFixed(2).padStart(9)}`,
  );
}

function printRoutes(label: string, c: Counts): void {
  console.log(`${label}:`);
  for (const [route, n] of Object.entries(c).sort()) {
    console.log(`  ${String(n).padStart(5)}  ${route}`);
  }
}

async function main(reports: readonly RealReport[]): Promise<void> {
  console.log(machineLine());
  const server = await startRedisServer();
  const emulator = await createEmulator();
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  const prefix = `bench-calls-${randomUUID().slice(0, 8)}`;
  const target = { redisUrl: server.url, prefix, tcUrl: emulator.url, requestsPerSecond: 1000 };
  const config = await benchConfig(target);
  const workers = await createWorkers({
    config,
    logger: createLogger({ name: 'worker', level: 'silent' }),
  });
  const queue = parseQueue(redis, prefix);
  const settings = await analysisSettingsFromConfig(config);
  const seed = new SeedClient({
    baseUrl: emulator.url,
    ...DEFAULT_USER,
    owner: DEFAULT_USER.defaultOwner,
  });
  const rows: Row[] = [];
  const routes = { cold: {} as Counts, warm: {} as Counts, seed: {} as Counts };
  try {
    const ours = async (taskId: number, path: string): Promise<Counts> =>
      counted(emulator, async () => {
        await enqueueReport(queue, taskId, path);
        const record = await waitForAnalysis(redis, prefix, taskId);
        if (record.status === 'failed') {
          throw new Error(`analysis ${taskId} failed: ${record.lastError ?? '?'}`);
        }
      });
    for (const [i, report] of reports.entries()) {
      await deleteCache(redis, prefix);
      const cold = await ours(1000 + i, report.path);
      const warm = await ours(2000 + i, report.path);
      const { result } = await analyseReport(report.path, settings, { taskId: 3000 + i });
      const analysis = seedAnalysisOf(result, 3000 + i, config.cuckoo.reportLinkTemplate);
      const seedCounts = await counted(emulator, () => seed.deliver(analysis));
      const n = seedIndicatorCount(analysis);
      const legacy = cold['GET /v3/groups'] ?? 0;
      rows.push({
        name: report.name,
        n,
        cold: total(cold),
        noLegacy: total(cold) - legacy,
        warm: total(warm),
        seed: total(seedCounts),
      });
      addInto(routes.cold, cold);
      addInto(routes.warm, warm);
      addInto(routes.seed, seedCounts);
    }
    printRows(rows);
    printRoutes('ours, cold cache, requests per route (all reports)', routes.cold);
    printRoutes('ours, second pass (indicators recur), requests per route', routes.warm);
    printRoutes('seed pattern, requests per route', routes.seed);
    console.log(`statuses: ${JSON.stringify(emulator.state().requests.byStatus)}`);
  } finally {
    await workers.close();
    await queue.close();
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
