// Per-user throttling as a token bucket: R tokens per second, holding at most `burst` tokens
// (default R). A client spaced evenly at R never sees a 429 from arrival jitter, while anything
// faster than R beyond the burst is refused. Refused requests take no token.

/** Decides whether one more request of a user fits. */
export interface RateLimiter {
  /** 0 when accepted, else milliseconds until a token is available. */
  take(user: string, nowMs: number, requestsPerSecond: number, burst?: number | null): number;
  reset(): void;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Creates a limiter whose buckets start full. */
export function createRateLimiter(): RateLimiter {
  const buckets = new Map<string, Bucket>();
  return {
    take(user, nowMs, requestsPerSecond, burst) {
      const capacity = Math.max(1, burst ?? requestsPerSecond);
      const bucket = buckets.get(user) ?? { tokens: capacity, at: nowMs };
      bucket.tokens = Math.min(
        capacity,
        bucket.tokens + ((nowMs - bucket.at) * requestsPerSecond) / 1000,
      );
      bucket.at = nowMs;
      buckets.set(user, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil(((1 - bucket.tokens) * 1000) / requestsPerSecond));
    },
    reset: () => buckets.clear(),
  };
}
