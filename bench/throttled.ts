// Throttled efficiency: the emulator answers 429 + Retry-After beyond R requests/s; four worker
// processes share our Redis-backed limiter, set to R and then to R + 10% (so that the 429 gate
// has work). Over a steady window after a warm-up, the emulator's counters give the requests it
// served per second (against R) and the share of 429s.
// Run from the repo root: npx tsx --conditions=source bench/throttled.ts [R] [WINDOW_S] [PROCESSES]
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRedisServer } from '@cuckoo-tc/redis-server';
import { createEmulator, type Emulator } from '@cuckoo-tc/tc-emulator';
import { Redis } from 'ioredis';
import { machineLine, sleep } from './support/machine.js';
import { reportPathIn, writeGeneratedStorage } from './support/generated-reports.js';
import { benchEnv, enqueueReport, parseQueue } from './support/pipeline.js';
import { startWorkerProcesses } from './support/worker-processes.js';

const rate = Number(process.argv[2] ?? 20);
const windowSeconds = Number(process.argv[3] ?? 30);
const processes = Number(process.argv[4] ?? 4);
const WARMUP_SECONDS = 10;
const SHAPE = { hosts: 20, addresses: 2 };
/** Enough work to keep R busy for warm-up + window with room to spare (about 27 calls each). */
const ANALYSES = Math.ceil(((WARMUP_SECONDS + windowSeconds) * rate * 1.5) / 27);

interface Counters {
  total: number;
  throttled: number;
  ok: number;
}

function counters(emulator: Emulator): Counters {
  const { total, byStatus } = emulator.state().requests;
  const ok = Object.entries(byStatus)
    .filter(([status]) => /^2\d\d$/.test(status))
    .reduce((a, [, n]) => a + n, 0);
  return { total, throttled: byStatus['429'] ?? 0, ok };
}

async function variant(
  emulator: Emulator,
  redis: Redis,
  redisUrl: string,
  storage: string,
  limiterRate: number,
): Promise<void> {
  emulator.reset();
  const prefix = `bench-throttle-${randomUUID().slice(0, 8)}`;
  const env = benchEnv({ redisUrl, prefix, tcUrl: emulator.url, requestsPerSecond: limiterRate });
  const workers = await startWorkerProcesses(processes, env);
  const queue = parseQueue(redis, prefix);
  try {
    for (let id = 1; id <= ANALYSES; id++) {
      await enqueueReport(queue, id, reportPathIn(storage, id));
    }
    await sleep(WARMUP_SECONDS * 1000);
    const start = counters(emulator);
    const t0 = performance.now();
    await sleep(windowSeconds * 1000);
    const end = counters(emulator);
    const seconds = (performance.now() - t0) / 1000;
    const total = end.total - start.total;
    const throttled = end.throttled - start.throttled;
    const served = (total - throttled) / seconds;
    const ok = (end.ok - start.ok) / seconds;
    console.log(
      `limiter ${String(limiterRate).padStart(5)}/s: ${served.toFixed(2)} req/s served ` +
        `(${(served / rate).toFixed(3)} R), ${ok.toFixed(2)} 2xx/s (${(ok / rate).toFixed(3)} R), ` +
        `429s ${throttled}/${total} = ${((100 * throttled) / Math.max(1, total)).toFixed(2)}% ` +
        `over ${seconds.toFixed(1)} s`,
    );
  } finally {
    await queue.close();
    await workers.stop();
  }
}

console.log(machineLine());
console.log(
  `emulator limit R=${rate}/s (429 + Retry-After in seconds), ${processes} worker processes, ` +
    `${ANALYSES} analyses of ${SHAPE.hosts + SHAPE.addresses + 1} indicators, ` +
    `warm-up ${WARMUP_SECONDS} s, window ${windowSeconds} s`,
);
const storage = await mkdtemp(path.join(tmpdir(), 'bench-throttle-'));
const server = await startRedisServer();
const emulator = await createEmulator({
  rateLimit: { requestsPerSecond: rate, retryAfter: 'seconds' },
});
const redis = new Redis(server.url, { maxRetriesPerRequest: null });
try {
  await writeGeneratedStorage(storage, ANALYSES, SHAPE);
  await variant(emulator, redis, server.url, storage, rate);
  console.log(machineLine());
  await variant(emulator, redis, server.url, storage, Math.round(rate * 1.1 * 10) / 10);
} finally {
  redis.disconnect();
  await emulator.close();
  await server.stop();
  await rm(storage, { recursive: true, force: true });
}
console.log(machineLine());
