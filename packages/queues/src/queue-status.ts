import type { Job, Queue } from 'bullmq';

/** Jobs per state of one queue (stable names: `status --json` prints them). */
export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  waitingChildren: number;
  prioritized: number;
  completed: number;
  failed: number;
}

/** One queue as an operator sees it. */
export interface QueueStatus {
  queue: string;
  counts: QueueCounts;
  paused: boolean;
  /** The job waiting longest (the next one a worker takes), null when nothing waits. */
  oldestWaiting: { jobId: string; createdAt: number; ageSeconds: number } | null;
  /** Remaining time of the queue's own rate limit (a worker's `rateLimit`), 0 when not limited. */
  rateLimitTtlMs: number;
  /** Workers connected to the queue (from `CLIENT LIST`); null where Redis does not allow it. */
  workers: number | null;
}

const STATES = [
  'wait',
  'active',
  'delayed',
  'waiting-children',
  'prioritized',
  'completed',
  'failed',
] as const;

async function oldestOf(queue: Queue): Promise<Job | null> {
  // `asc` lists the wait list from the side workers take from: the first is the oldest there.
  // Prioritized jobs come in priority order, so their head is compared by creation time.
  const heads = await Promise.all([
    queue.getJobs(['wait'], 0, 0, true),
    queue.getJobs(['prioritized'], 0, 0, true),
  ]);
  const jobs = heads.flat().filter((job): job is Job => job !== undefined && job !== null);
  return jobs.sort((a, b) => a.timestamp - b.timestamp)[0] ?? null;
}

async function workersOf(queue: Queue): Promise<number | null> {
  try {
    const workers = await queue.getWorkers();
    // BullMQ answers a placeholder entry where CLIENT LIST is refused (e.g. on GCP Memorystore).
    return workers.some(worker => worker.name === 'GCP does not support client list')
      ? null
      : workers.length;
  } catch {
    return null;
  }
}

/** Reads one queue's counts, pause, oldest waiting job, rate-limit state and workers. */
export async function readQueueStatus(queue: Queue, now = Date.now()): Promise<QueueStatus> {
  const [raw, paused, oldest, ttl, workers] = await Promise.all([
    queue.getJobCounts(...STATES),
    queue.isPaused(),
    oldestOf(queue),
    queue.getRateLimitTtl(),
    workersOf(queue),
  ]);
  const count = (state: (typeof STATES)[number]): number => raw[state] ?? 0;
  return {
    queue: queue.name,
    counts: {
      waiting: count('wait'),
      active: count('active'),
      delayed: count('delayed'),
      waitingChildren: count('waiting-children'),
      prioritized: count('prioritized'),
      completed: count('completed'),
      failed: count('failed'),
    },
    paused,
    oldestWaiting: oldest
      ? {
          jobId: oldest.id ?? '',
          createdAt: oldest.timestamp,
          ageSeconds: Math.max(0, Math.floor((now - oldest.timestamp) / 1000)),
        }
      : null,
    rateLimitTtlMs: Math.max(0, Number(ttl)),
    workers,
  };
}
