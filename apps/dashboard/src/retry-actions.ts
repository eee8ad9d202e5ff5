import type { Job, Queue } from 'bullmq';
import {
  applyRequeue,
  DEFAULT_PREFIX,
  planRequeue,
  planRequeueJobs,
  QUEUE_NAMES,
  type QueueName,
  type RequeueContext,
  type ScriptRedis,
} from '@cuckoo-tc/queues';

/** Job states Bull Board offers to retry. */
export type RetriableState = 'failed' | 'completed';

/** What one retry did: moved, or refused with an HTTP status and a reason. */
export type RetryOutcome =
  { ok: true } | { ok: false; status: number; key: string; reason: string };

const PAGE_SIZE = 100;
// Attempts are reset so a retried job gets its full retries and backoff again; Bull Board's own
// handlers call job.retry(state) without it, and an exhausted job then fails after one try.
const RESET = { resetAttemptsMade: true, resetAttemptsStarted: true } as const;

function isEvalCapable(value: unknown): value is ScriptRedis {
  return typeof (value as { eval?: unknown } | null)?.eval === 'function';
}

/**
 * The context the flow-aware requeue of @cuckoo-tc/queues needs: every catalog queue (flows
 * cross queues) and a connection that runs scripts, given or taken from the queues' shared
 * ioredis instance. Undefined when either is missing: retries then ignore flows.
 */
export function requeueContextOf(
  queues: readonly Queue[],
  redis?: ScriptRedis,
): RequeueContext | undefined {
  const byName = new Map(queues.map(queue => [queue.name, queue]));
  const names = Object.values(QUEUE_NAMES);
  const scripts = redis ?? queues.map(queue => queue.opts.connection).find(isEvalCapable);
  if (scripts === undefined || !names.every(name => byName.has(name))) {
    return undefined;
  }
  return {
    redis: scripts,
    prefix: queues[0]?.opts.prefix ?? DEFAULT_PREFIX,
    queues: Object.fromEntries(names.map(name => [name, byName.get(name)])) as Record<
      QueueName,
      Queue
    >,
  };
}

/**
 * Retries one finished job with attempts reset. A failed job goes through the flow-aware
 * requeue when possible, so a retried child brings its parent back to wait for it instead of
 * leaving the parent failed for ever.
 */
export async function retryOne(
  queue: Queue,
  job: Job,
  state: RetriableState,
  ctx: RequeueContext | undefined,
): Promise<RetryOutcome> {
  if (state === 'completed' || ctx === undefined) {
    await job.retry(state, RESET);
    return { ok: true };
  }
  const jobId = job.id ?? '';
  const target = { queue: queue.name as QueueName, jobId };
  const result = await applyRequeue(ctx, await planRequeueJobs(ctx, [target]));
  if (result.moved.some(item => item.queue === target.queue && item.jobId === jobId)) {
    return { ok: true };
  }
  const reason = result.skipped.find(skip => skip.jobId === jobId)?.reason ?? 'not moved';
  return { ok: false, status: 409, key: 'ERRORS.JOB_NOT_RETRIABLE', reason };
}

/** Retries every job of `state` in the queue, attempts reset, flows kept whole when possible. */
export async function retryAll(
  queue: Queue,
  state: RetriableState,
  ctx: RequeueContext | undefined,
): Promise<{ retried: number; skipped: number }> {
  if (state === 'failed' && ctx !== undefined) {
    const plan = await planRequeue(ctx, { queues: [queue.name as QueueName] });
    const result = await applyRequeue(ctx, plan);
    return { retried: result.moved.length, skipped: result.skipped.length };
  }
  const total = (await queue.getJobCounts(state))[state] ?? 0;
  const done = new Set<string>();
  while (done.size < total) {
    const page: Job[] = await queue.getJobs([state], 0, PAGE_SIZE - 1);
    const fresh = page.filter(job => job.id !== undefined && !done.has(job.id));
    if (fresh.length === 0) {
      break;
    }
    for (const job of fresh) {
      await job.retry(state, RESET).catch(() => undefined);
      done.add(job.id as string);
    }
  }
  return { retried: done.size, skipped: Math.max(0, total - done.size) };
}
