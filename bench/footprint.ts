// Memory and Redis footprint while draining a backlog of small analyses: generated reports in a
// temporary storage layout, enqueued as `cuckoo-tc enqueue` would, drained by worker processes
// against the emulator. Samples worker RSS and Redis used_memory every second; counts keys and
// their MEMORY USAGE per family after the drain. A private redis-server holds nothing else.
// Run from the repo root: npx tsx --conditions=source bench/footprint.ts [ANALYSES] [PROCESSES] [--built]
// (--built runs the workers from the built CLI, as deployed, instead of the sources via tsx).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRedisServer } from '@cuckoo-tc/redis-server';
import { createEmulator } from '@cuckoo-tc/tc-emulator';
import { Redis } from 'ioredis';
import { machineLine, median, sleep } from './support/machine.js';
import { reportPathIn, writeGeneratedStorage } from './support/generated-reports.js';
import { benchEnv, countFinished, enqueueReport, parseQueue } from './support/pipeline.js';
import { keyFamilies, usedMemory } from './support/redis-footprint.js';
import { startWorkerProcesses, type WorkerProcesses } from './support/worker-processes.js';

const positional = process.argv.slice(2).filter(a => !a.startsWith('--'));
const built = process.argv.includes('--built');
const count = Number(positional[0] ?? 10_000);
const processes = Number(positional[1] ?? 2);
const SHAPE = { hosts: 1, addresses: 1 };
const MiB = 1024 * 1024;
const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;

interface Samples {
  rss: number[];
  used: number[];
  keys: number[];
}

/** Samples every second until every analysis is final; returns the samples and the failures. */
async function drain(
  redis: Redis,
  prefix: string,
  workers: WorkerProcesses,
): Promise<{ samples: Samples; failed: number; seconds: number }> {
  const taskIds = Array.from({ length: count }, (_, i) => i + 1);
  const samples: Samples = { rss: [], used: [], keys: [] };
  const started = performance.now();
  for (;;) {
    samples.rss.push(...(await workers.rss()).filter(r => r > 0));
    samples.used.push(await usedMemory(redis));
    samples.keys.push(await redis.dbsize());
    const { finished, failed } = await countFinished(redis, prefix, taskIds);
    if (finished === count) {
      return { samples, failed, seconds: (performance.now() - started) / 1000 };
    }
    await sleep(1000);
  }
}

async function enqueueAll(redis: Redis, prefix: string, storage: string): Promise<void> {
  const queue = parseQueue(redis, prefix);
  const started = performance.now();
  for (let id = 1; id <= count; id++) {
    await enqueueReport(queue, id, reportPathIn(storage, id));
  }
  await queue.close();
  console.log(`enqueued ${count} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function report(samples: Samples, baseline: number, afterDrain: number): void {
  console.log(
    `worker RSS per process: peak ${mib(Math.max(...samples.rss))}, median ${mib(median(samples.rss))} ` +
      `(${samples.rss.length} samples of ${processes} processes)`,
  );
  console.log(
    `Redis used_memory: empty ${mib(baseline)}, peak during the run ${mib(Math.max(...samples.used))}, ` +
      `after drain ${mib(afterDrain)}; keys: peak ${Math.max(...samples.keys)}`,
  );
}

console.log(machineLine());
console.log(
  `${count} analyses of ${SHAPE.hosts + SHAPE.addresses + 1} indicators, ${processes} worker processes`,
);
const storage = await mkdtemp(path.join(tmpdir(), 'bench-footprint-'));
const server = await startRedisServer();
const emulator = await createEmulator();
const redis = new Redis(server.url, { maxRetriesPerRequest: null });
const prefix = `bench-footprint-${randomUUID().slice(0, 8)}`;
try {
  await writeGeneratedStorage(storage, count, SHAPE);
  const baseline = await usedMemory(redis);
  const target = { redisUrl: server.url, prefix, tcUrl: emulator.url, requestsPerSecond: 1000 };
  const workers = await startWorkerProcesses(processes, benchEnv(target), { built });
  let result: Awaited<ReturnType<typeof drain>>;
  try {
    const idle = await workers.rss();
    console.log(`worker RSS idle (started, nothing to do): ${idle.map(mib).join(', ')}`);
    await enqueueAll(redis, prefix, storage);
    result = await drain(redis, prefix, workers);
  } finally {
    await workers.stop();
  }
  console.log(
    `drained in ${result.seconds.toFixed(0)} s (${(count / result.seconds).toFixed(1)} analyses/s), ` +
      `${result.failed} failed, ${emulator.state().requests.total} ThreatConnect requests`,
  );
  report(result.samples, baseline, await usedMemory(redis));
  console.log('keys after drain (family: keys, MEMORY USAGE):');
  for (const f of await keyFamilies(redis, prefix)) {
    console.log(`  ${f.family.padEnd(28)} ${String(f.keys).padStart(7)}  ${mib(f.bytes)}`);
  }
} finally {
  redis.disconnect();
  await emulator.close();
  await server.stop();
  await rm(storage, { recursive: true, force: true });
}
console.log(machineLine());
