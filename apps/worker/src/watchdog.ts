// A worker can look alive yet stop taking jobs after a Redis blip (bullmq issues #4378, #4479,
// #4585). The watchdog restarts a worker whose queue has had jobs waiting for a whole period
// while the worker took none, had free slots, and the queue was neither paused nor rate limited.

/** What the watchdog needs to know about one worker. */
export interface WatchedWorker {
  name: string;
  /** Jobs waiting in its queue (wait + prioritized). */
  waiting(): Promise<number>;
  /** True while waiting is expected: queue paused or rate limited. */
  held(): Promise<boolean>;
  /** Epoch ms of the last job this worker started or finished. */
  lastActivity(): number;
  /** True when every slot is busy (then waiting is no sign of a stall). */
  saturated(): boolean;
  restart(): Promise<void>;
}

/** Options of {@link startWatchdog}. */
export interface WatchdogOptions {
  /** Jobs waiting this long with no consumption means stuck, ms. */
  staleMs: number;
  /** @defaultValue min(staleMs / 2, 30 s) */
  intervalMs?: number;
  now?: () => number;
  onError?: (err: unknown) => void;
}

/** One watchdog check on one worker; `since` is when waiting jobs were first seen unconsumed. */
export async function checkWorker(
  worker: WatchedWorker,
  since: number | null,
  now: number,
  staleMs: number,
): Promise<{ since: number | null; restart: boolean }> {
  if (worker.saturated() || (await worker.waiting()) === 0 || (await worker.held())) {
    return { since: null, restart: false };
  }
  const start = since !== null && worker.lastActivity() < since ? since : now;
  return { since: start, restart: now - start >= staleMs };
}

/**
 * Starts checking; returns a stop function that resolves once a check already running has
 * finished (a restart in progress completes, no further one starts), so the caller can then
 * close every worker, including one the check just made.
 */
export function startWatchdog(
  workers: readonly WatchedWorker[],
  options: WatchdogOptions,
): () => Promise<void> {
  const now = options.now ?? Date.now;
  const since = new Map<string, number | null>();
  let running: Promise<void> | null = null;
  let stopped = false;
  const check = async (): Promise<void> => {
    try {
      for (const worker of workers) {
        if (stopped) {
          return;
        }
        const result = await checkWorker(
          worker,
          since.get(worker.name) ?? null,
          now(),
          options.staleMs,
        );
        since.set(worker.name, result.restart ? null : result.since);
        if (result.restart && !stopped) {
          await worker.restart();
        }
      }
    } catch (err) {
      options.onError?.(err);
    }
  };
  const tick = (): void => {
    if (running || stopped) {
      return;
    }
    running = check().finally(() => {
      running = null;
    });
  };
  const interval = options.intervalMs ?? Math.min(options.staleMs / 2, 30_000);
  const timer = setInterval(tick, Math.max(100, interval));
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
