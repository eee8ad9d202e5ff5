// Graceful shutdown with a bound: BullMQ's worker.close() waits for active jobs with no timeout
// (and has hung when Redis died meanwhile, bullmq #2430), so the wait is raced against a timer.
import type { Worker } from 'bullmq';
import { ShutdownError } from './park-on-shutdown.js';

function timer(ms: number): { done: Promise<'timeout'>; cancel(): void } {
  let handle: NodeJS.Timeout | undefined;
  const done = new Promise<'timeout'>(resolve => {
    handle = setTimeout(() => resolve('timeout'), ms);
  });
  return { done, cancel: () => clearTimeout(handle) };
}

/** Resolves to true if `work` finished within `ms`, false otherwise (work keeps running). */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  const t = timer(ms);
  try {
    const winner = await Promise.race([work.then(() => 'done' as const), t.done]);
    return winner === 'done';
  } finally {
    t.cancel();
  }
}

/**
 * Closes workers: lets active jobs finish for up to `boundMs`, then aborts them with a
 * {@link ShutdownError} (processors honouring the AbortSignal park their job back in wait without
 * spending an attempt, see parkOnShutdown), gives them a moment to do so and forces the close.
 * Jobs left behind go back to wait through BullMQ's stall check. Resolves true when the close
 * was graceful.
 */
export async function closeWorkersWithin(
  workers: readonly Worker[],
  boundMs: number,
): Promise<boolean> {
  const graceful = Promise.all(workers.map(w => w.close()));
  graceful.catch(() => undefined);
  if (await within(graceful, boundMs)) {
    return true;
  }
  const reason = new ShutdownError();
  for (const worker of workers) {
    // Typed as a string, but BullMQ hands the reason to AbortController.abort unchanged: an
    // Error lets processors tell a shutdown apart and gives a failed job a reason.
    worker.cancelAllJobs(reason as unknown as string);
  }
  // Aborted jobs park themselves quickly; the pending graceful close then completes on its own.
  if (await within(graceful, Math.min(5_000, boundMs))) {
    return false;
  }
  await within(
    Promise.all(workers.map(w => w.close(true))).catch(() => undefined),
    Math.min(5_000, boundMs),
  );
  return false;
}
