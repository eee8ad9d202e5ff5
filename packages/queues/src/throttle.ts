import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { AnalysisRef } from './payloads.js';

/** `failedReason` of a job that stayed throttled longer than its wait budget (BUG-21). */
export const RATE_LIMITED_TOO_LONG = 'rate_limited_too_long';

/**
 * A throttle mark older than this after its last wait ended belongs to an earlier episode (the
 * job got through, or was requeued days later) and does not count against a new one.
 */
export const THROTTLE_EPISODE_GAP_MS = 10 * 60_000;

/** Input of {@link decideThrottle}. */
export interface ThrottleInput {
  /** Epoch ms of the first throttle of the current episode (undefined: none yet). */
  since: number | undefined;
  /** Epoch ms the previous throttle's wait ended (undefined: none yet). */
  lastUntil?: number | undefined;
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
 * stays throttled fails at most `budgetMs` after the first throttle of the episode, not one wait
 * later. A mark whose last wait ended more than {@link THROTTLE_EPISODE_GAP_MS} ago starts a
 * new episode.
 */
export function decideThrottle(input: ThrottleInput): ThrottleDecision {
  const stale =
    input.lastUntil !== undefined && input.now > input.lastUntil + THROTTLE_EPISODE_GAP_MS;
  const since = stale ? input.now : (input.since ?? input.now);
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
  const { throttledSince, throttledUntil, ...rest } = job.data;
  const decision = decideThrottle({
    since: throttledSince,
    lastUntil: throttledUntil,
    now,
    waitMs: options.waitMs,
    budgetMs: options.budgetMs,
  });
  if (decision.action === 'fail') {
    // A requeued job must get a fresh budget.
    await job.updateData(rest);
    throw new UnrecoverableError(RATE_LIMITED_TOO_LONG);
  }
  await job.updateData({ ...rest, throttledSince: decision.since, throttledUntil: decision.until });
  if (options.queue !== undefined) {
    await options.queue.rateLimit(Math.max(0, decision.until - now));
  }
  await job.moveToDelayed(decision.until, token);
  throw new DelayedError();
}
