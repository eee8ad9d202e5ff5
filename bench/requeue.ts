// Requeue benchmark: how long `cuckoo-tc requeue --all` takes to plan and to move a large failed
// backlog made of stand-alone parse jobs and of analysis flows whose incident failed (each flow
// brings its parent back to waiting-children). Needs a Redis (REDIS_URL or 127.0.0.1:6379); keys
// go under a unique prefix and are deleted afterwards.
// Run from the repo root: npx tsx --conditions=source bench/requeue.ts [PARSE_JOBS] [FLOWS]
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import {
  applyRequeue,
  buildAnalysisFlow,
  createQueue,
  createRedisConnection,
  planItems,
  planRequeue,
  type QueueName,
  type RequeueContext,
} from '@cuckoo-tc/queues';
import { FlowProducer, UnrecoverableError, Worker, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';

const parseJobs = Number(process.argv[2] ?? 5_000);
const flowCount = Number(process.argv[3] ?? 500);
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const names: QueueName[] = ['parse', 'indicators', 'incidents'];

/** Runs `run`, printing wall and CPU time of this process (CPU is robust to a busy machine). */
async function timed<T>(label: string, jobs: number, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await run();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const rate = ((jobs / ms) * 1000).toFixed(0);
  console.log(
    `${label.padEnd(10)} ${String(jobs).padStart(6)} jobs ${ms.toFixed(0).padStart(7)} ms wall ` +
      `${((used.user + used.system) / 1000).toFixed(0).padStart(6)} ms cpu ${rate.padStart(6)} jobs/s`,
  );
  return result;
}

async function addBacklog(redis: Redis, prefix: string, queues: Record<QueueName, Queue>) {
  await queues.parse.addBulk(
    Array.from({ length: parseJobs }, (_, i) => ({
      name: 'parse-report',
      data: { instance: 'bench', taskId: i },
      opts: { jobId: `parse-bench-${i}-v1`, attempts: 1 },
    })),
  );
  const flows = new FlowProducer({ connection: redis, prefix });
  for (let i = 0; i < flowCount; i += 1) {
    const taskId = 1_000_000 + i;
    await flows.add(
      buildAnalysisFlow({
        instance: 'bench',
        taskId,
        version: 'v1',
        incident: {
          xid: `bench-${taskId}`,
          name: 'bench',
          eventDate: '2020-01-01T00:00:00Z',
          attributes: [],
          tags: [],
        },
        indicators: [{ type: 'Host', value: 'bench.test' }],
      }),
    );
  }
  await flows.close();
}

/** Fails every parse job and every incident (which fails its flow parent); chunks succeed. */
async function failBacklog(redis: Redis, prefix: string, queues: Record<QueueName, Queue>) {
  const fail = async (job: { name: string }) => {
    if (job.name === 'create-indicators') {
      return { indicatorIds: [1], skipped: [] };
    }
    throw new UnrecoverableError('bench failure');
  };
  const workers = names.map(
    name => new Worker(name, fail, { connection: redis, prefix, concurrency: 50 }),
  );
  const target = parseJobs + flowCount * 2;
  for (;;) {
    const counts = await Promise.all(names.map(name => queues[name].getJobCounts('failed')));
    if (counts.reduce((sum, c) => sum + (c.failed ?? 0), 0) >= target) {
      break;
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  await Promise.all(workers.map(worker => worker.close()));
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

const prefix = `bench-requeue-${randomUUID().slice(0, 8)}`;
const redis = createRedisConnection({ url, role: 'worker' });
const queues = Object.fromEntries(
  names.map(name => [name, createQueue(name, { connection: redis, prefix }) as Queue]),
) as Record<QueueName, Queue>;
try {
  console.log(
    `requeue of ${parseJobs} failed parse jobs and ${flowCount} failed flows; ` +
      `load average ${loadavg()[0]?.toFixed(1)}`,
  );
  await addBacklog(redis, prefix, queues);
  await failBacklog(redis, prefix, queues);
  const ctx: RequeueContext = { redis, prefix, queues };
  const total = parseJobs + flowCount * 2;
  const plan = await timed('plan', total, () => planRequeue(ctx, { queues: names }));
  const result = await timed('move', planItems(plan).length, () => applyRequeue(ctx, plan));
  console.log(`moved ${result.moved.length}, skipped ${result.skipped.length}`);
} finally {
  await Promise.all(Object.values(queues).map(queue => queue.close()));
  await deleteKeys(redis, prefix);
  redis.disconnect();
}
