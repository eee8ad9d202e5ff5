// Producer benchmark: how long a storage scan takes over many analyses, in steady state (nothing
// new: stat only) and as a backfill (every report enqueued with addBulk in chunks), and what one
// add per job costs instead. Needs a Redis (REDIS_URL or 127.0.0.1:6379); keys go under a
// unique prefix and are deleted afterwards.
// Run from the repo root: npx tsx --conditions=source bench/producer-scan.ts [ANALYSES]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createEnqueueTools, silentLogger, StorageScanner } from '@cuckoo-tc/producer';
import { addJob, createQueue, createRedisConnection } from '@cuckoo-tc/queues';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const count = Number(process.argv[2] ?? 20_000);
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function makeStorage(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-storage-'));
  for (let id = 1; id <= count; id++) {
    const reports = path.join(dir, 'analyses', String(id), 'reports');
    await mkdir(reports, { recursive: true });
    await writeFile(path.join(reports, 'report.json'), `{"info": {"id": ${id}}}\n`);
  }
  return dir;
}

/** Prints wall time and CPU time of this process (CPU time is robust to a busy machine). */
async function timed(label: string, run: () => Promise<void>): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await run();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const rate = ((count / ms) * 1000).toFixed(0);
  console.log(
    `${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms wall ${cpuMs.toFixed(0).padStart(7)} ms cpu ${rate.padStart(7)} analyses/s`,
  );
}

async function deleteKeys(redis: Redis, keyPrefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) {
      await redis.del(...keys);
    }
  } while (cursor !== '0');
}

const storage = await makeStorage();
const prefix = `bench-producer-${randomUUID().slice(0, 8)}`;
const redis = createRedisConnection({ url, role: 'producer' });
try {
  const tools = await createEnqueueTools({
    redis,
    prefix,
    instance: 'bench',
    storageDir: storage,
    logger: silentLogger,
  });
  let now = 0;
  const scanner = new StorageScanner({
    storageDir: storage,
    enqueuer: tools.enqueuer,
    settleMs: 1,
    clock: () => now,
    logger: silentLogger,
  });
  console.log(
    `${count} analyses, Redis ${new URL(url).host}, node ${process.version}, load ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`,
  );
  await timed('first scan (observe only)', () => scanner.scan());
  now += 10;
  await timed('backfill scan (enqueue all, addBulk x500)', () => scanner.scan());
  await timed('steady-state scan (nothing new)', () => scanner.scan());
  const fresh = new StorageScanner({
    storageDir: storage,
    enqueuer: tools.enqueuer,
    progress: tools.progress,
    settleMs: 1,
    clock: () => now,
    logger: silentLogger,
  });
  await timed('first scan after restart (loads versions)', () => fresh.scan());
  now += 10;
  await timed('second scan after restart', () => fresh.scan());
  const single = createQueue('parse', { connection: redis, prefix: `${prefix}-single` });
  await timed('one add() per job, sequential', async () => {
    for (let id = 1; id <= count; id++) {
      await addJob(
        single,
        'parse-report',
        {
          instance: 'bench',
          taskId: id,
          version: 'v1',
          report: { kind: 'file', path: `/x/${id}` },
          trigger: 'cli',
          enqueuedAt: new Date(0).toISOString(),
        },
        { jobId: `parse-bench-${id}-v1` },
      );
    }
  });
  await single.close();
  await tools.close();
} finally {
  await deleteKeys(redis, prefix);
  redis.disconnect();
  await rm(storage, { recursive: true, force: true });
}
