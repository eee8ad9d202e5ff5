import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { AnalysisRef } from './payloads.js';

/** `failedReason` of a job that stayed throttled longer than its wait budget (BUG-21). */
export const RATE_LIMITED_TOO_LONG = 'rate_limited_too_long';

/** Input of {@link decideThrottle}. */
export interface ThrottleInput {
  /** Epoch ms of the job's first throttle (undefined: this is the first). */
  since: number | undefined;
  now: number;
  /** How long ThreatConnect asked us to wait (Retry-After or the gate's backoff), ms. */
  waitMs: number;
  /** The job's total wait budget, ms. */
  budgetMs: number;
}

/** What to do with a throttled job. */
export type ThrottleDecision =
  | { action: 'delay'; since: number; until: number }
  | { action: 'fail'; since: number; waitedMs: number };

/**
 * Pure rule: delay until the wait is over, but never past the end of the budget, so a job that
 * stays throttled fails at most `budgetMs` after its first throttle, not one wait later.
 */
export function decideThrottle(input: ThrottleInput): ThrottleDecision {
  const since = input.since ?? input.now;
  const deadline = since + input.budgetMs;
  if (input.now >= deadline) {
    return { action: 'fail', since, waitedMs: input.now - since };
  }
  return {
    action: 'delay',
    since,
    until: Math.min(input.now + Math.max(0, input.waitMs), deadline),
  };
}

/** Options of {@link throttleJob}. */
export interface ThrottleJobOptions {
  waitMs: number;
  budgetMs: number;
  /** @defaultValue Date.now */
  now?: () => number;
  /**
   * The job's queue: when given, the whole queue is rate limited for `waitMs` as well, so other
   * jobs do not start into the same 429 (BullMQ only honours this when the worker has a
   * `limiter` or the queue a global rate limit).
   */
  queue?: { rateLimit(ms: number): Promise<void> };
}

/**
 * Parks a job that met a ThreatConnect throttle (429/503 or the shared gate) WITHOUT spending an
 * attempt: moves it to delayed and throws `DelayedError`, which the processor must let
 * propagate. Once its wait budget is spent it throws `UnrecoverableError('rate_limited_too_long')`.
 */
export async function throttleJob(
  job: Job<AnalysisRef>,
  token: string | undefined,
  options: ThrottleJobOptions,
): Promise<never> {
  const now = (options.now ?? Date.now)();
  const decision = decideThrottle({
    since: job.data.throttledSince,
    now,
    waitMs: options.waitMs,
    budgetMs: options.budgetMs,
  });
  if (decision.action === 'fail') {
    // A requeued job must get a fresh budget.
    const { throttledSince: _spent, ...rest } = job.data;
    await job.updateData(rest);
    throw new UnrecoverableError(RATE_LIMITED_TOO_LONG);
  }
  if (job.data.throttledSince === undefined) {
    await job.updateData({ ...job.data, throttledSince: decision.since });
  }
  if (options.queue !== undefined) {
    await options.queue.rateLimit(Math.max(0, decision.until - now));
  }
  await job.moveToDelayed(decision.until, token);
  throw new DelayedError();
}
