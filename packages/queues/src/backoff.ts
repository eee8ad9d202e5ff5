import type { BackoffStrategy } from 'bullmq';

/** Options of {@link jitteredExponentialDelay}. */
export interface JitteredExponentialOptions {
  /** Delay of the first retry before jitter, ms. */
  baseMs: number;
  /** Ceiling before jitter, ms. @defaultValue 15 minutes */
  maxMs?: number;
  /** Share of the delay that is random, 0..1. @defaultValue 0.5 */
  jitter?: number;
  /** Random source in [0, 1). @defaultValue Math.random */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (1 = first retry): base·2^(attempt-1), capped, of which a
 * `jitter` share is random. The randomness spreads retries of jobs that failed together (many
 * workers hitting one ThreatConnect outage) so they do not come back as one burst.
 */
export function jitteredExponentialDelay(
  attempt: number,
  options: JitteredExponentialOptions,
): number {
  const maxMs = options.maxMs ?? 15 * 60_000;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  const random = options.random ?? Math.random;
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const ceiling = Math.min(maxMs, options.baseMs * 2 ** Math.min(exponent, 52));
  return Math.round(ceiling * (1 - jitter) + ceiling * jitter * random());
}

/** Options of {@link createBackoffStrategy}. */
export interface BackoffStrategyOptions {
  /** Used when a job's backoff option has no `delay`. @defaultValue 5000 */
  defaultBaseMs?: number;
  /** @defaultValue 15 minutes */
  maxMs?: number;
  /** @defaultValue 0.5 */
  jitter?: number;
  /** @defaultValue Math.random */
  random?: () => number;
}

function retryAfterOf(err: Error | undefined): number | undefined {
  const value = (err as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * The Worker `settings.backoffStrategy` for the catalog's backoff type (`BACKOFF_TYPE`). An error
 * carrying `retryAfterMs` (a 5xx with Retry-After) is retried after that delay instead.
 */
export function createBackoffStrategy(options: BackoffStrategyOptions = {}): BackoffStrategy {
  return (attemptsMade, _type, err, job) => {
    const retryAfter = retryAfterOf(err);
    if (retryAfter !== undefined) {
      return retryAfter;
    }
    const configured = job?.opts.backoff;
    const baseMs =
      (typeof configured === 'object' ? configured.delay : configured) ??
      options.defaultBaseMs ??
      5_000;
    // BullMQ handles 'fixed' and 'exponential' itself; every other type lands here, and an
    // unknown one still backs off rather than retrying at once.
    return jitteredExponentialDelay(attemptsMade, { ...options, baseMs });
  };
}
