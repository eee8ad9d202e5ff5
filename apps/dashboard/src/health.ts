import type { Queue } from 'bullmq';
import type { HealthReport } from '@cuckoo-tc/telemetry';

/** Options of {@link checkHealth}. */
export interface HealthOptions {
  queues: readonly Queue[];
  timeoutMs?: number;
  /** Told the real cause when Redis fails; the public answer stays generic. */
  onError?: (error: unknown) => void;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Reads from Redis through the first queue's connection. The detail never carries the error text:
 * `/healthz` is unauthenticated and Redis errors name internal hosts.
 */
export async function checkHealth(options: HealthOptions): Promise<HealthReport> {
  const queue = options.queues[0];
  if (queue === undefined) {
    return { ok: false, checks: { redis: { ok: false, detail: 'no queues configured' } } };
  }
  try {
    // A real read through the queue's own connection: answers only if Redis does.
    await withTimeout(queue.getJobCounts('waiting'), options.timeoutMs ?? 2000);
    return { ok: true, checks: { redis: { ok: true } } };
  } catch (error) {
    options.onError?.(error);
    return { ok: false, checks: { redis: { ok: false, detail: 'redis did not answer' } } };
  }
}

/** Jobs per queue and state, in the shape `createMetrics({ collectQueueDepths })` wants. */
export async function collectQueueDepths(
  queues: readonly Queue[],
): Promise<Array<{ queue: string; state: string; count: number }>> {
  const rows = await Promise.all(
    queues.map(async queue => {
      const counts = await queue.getJobCounts();
      return Object.entries(counts).map(([state, count]) => ({ queue: queue.name, state, count }));
    }),
  );
  return rows.flat();
}
