// Turns a failed ThreatConnect call into the job outcome DESIGN §5 asks for: throttling parks the
// job without spending an attempt (bounded by the wait budget), transient failures retry with
// backoff, permanent ones fail at once with what the operator has to fix.
import { UnrecoverableError, type Job } from 'bullmq';
import { throttleJob, type AnalysisRef } from '@cuckoo-tc/queues';
import {
  classifyOutcome,
  isTcAuthError,
  isTcMissingMetadataError,
  isThreatConnectError,
  type ThrottleGate,
} from '@cuckoo-tc/threatconnect';

/** What a processor needs to park a throttled job. */
export interface ThrottleContext {
  /** The shared 429 gate (its remaining time is the wait when the error carries none). */
  gate?: Pick<ThrottleGate, 'waitMs'>;
  /** Total time a job may spend throttled, ms (`threatconnect.throttle.maxWaitSeconds`). */
  budgetMs: number;
  /** Pauses every ThreatConnect-calling queue for `ms` (BullMQ `queue.rateLimit`). */
  pauseQueues?: (ms: number) => Promise<void>;
  /** Told how long a job is parked, ms (metrics, log). */
  onThrottled?: (waitMs: number, job: Job<AnalysisRef>) => void;
}

/** Wait used when neither the error nor the gate says how long. */
const FALLBACK_WAIT_MS = 1_000;

/** The one-line message a permanently failed job carries: the error plus what to do. */
export function permanentMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (isTcAuthError(err)) {
    return `${message}; fix threatconnect.accessId/secretKey/apiToken or owner, then requeue`;
  }
  if (isTcMissingMetadataError(err)) {
    return `${message}; run 'cuckoo-tc doctor' to list everything missing, then requeue`;
  }
  return message;
}

async function waitOf(err: unknown, ctx: ThrottleContext): Promise<number> {
  const fromError = isThreatConnectError(err)
    ? (err as { retryAfterMs?: number | null }).retryAfterMs
    : null;
  if (typeof fromError === 'number' && fromError > 0) {
    return fromError;
  }
  const gate = (await ctx.gate?.waitMs()) ?? 0;
  return gate > 0 ? gate : FALLBACK_WAIT_MS;
}

/**
 * Rethrows `err` as the right job outcome; never returns. Skip outcomes (exclusion list, invalid
 * value) are the caller's to handle before calling this.
 */
export async function failJobForTcError(
  err: unknown,
  job: Job<AnalysisRef>,
  token: string | undefined,
  ctx: ThrottleContext,
): Promise<never> {
  const outcome = classifyOutcome(err);
  if (outcome === 'throttled') {
    const waitMs = await waitOf(err, ctx);
    ctx.onThrottled?.(waitMs, job);
    await throttleJob(job, token, {
      waitMs,
      budgetMs: ctx.budgetMs,
      ...(ctx.pauseQueues ? { queue: { rateLimit: ctx.pauseQueues } } : {}),
    });
  }
  if (outcome === 'transient') {
    throw err;
  }
  // 'permanent', and skip outcomes that reach here (a whole-job call cannot be skipped).
  throw new UnrecoverableError(permanentMessage(err));
}
