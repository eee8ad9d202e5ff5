// Per-user throttling with a sliding one-second window: at most R accepted requests in any
// 1000 ms, so nothing bursts past the limit even at window edges. Refused requests do not count.

/** Decides whether one more request of a user fits. */
export interface RateLimiter {
  /** 0 when accepted, else milliseconds until a slot frees up. */
  take(user: string, nowMs: number, requestsPerSecond: number): number;
  reset(): void;
}

const WINDOW_MS = 1000;

/** Creates an empty limiter. */
export function createRateLimiter(): RateLimiter {
  const accepted = new Map<string, number[]>();
  return {
    take(user, nowMs, requestsPerSecond) {
      const recent = (accepted.get(user) ?? []).filter(at => at > nowMs - WINDOW_MS);
      accepted.set(user, recent);
      if (recent.length < requestsPerSecond) {
        recent.push(nowMs);
        return 0;
      }
      const oldest = recent[recent.length - Math.floor(requestsPerSecond)] ?? nowMs;
      return Math.max(1, oldest + WINDOW_MS - nowMs);
    },
    reset: () => accepted.clear(),
  };
}
