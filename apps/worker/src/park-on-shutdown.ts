// A job cut off by a shutdown did nothing wrong: it goes back to wait without spending an
// attempt, instead of failing with whatever its reader threw when the signal fired.
import { WaitingError, type Job } from 'bullmq';

/** The abort reason given to jobs still active when the shutdown bound is reached. */
export class ShutdownError extends Error {
  override name = 'ShutdownError';
  constructor(message = 'worker shutting down: job cut off at the shutdown bound') {
    super(message);
  }
}

/** True for a {@link ShutdownError}, also matched by name. */
export function isShutdownError(err: unknown): err is ShutdownError {
  return err instanceof ShutdownError || (err instanceof Error && err.name === 'ShutdownError');
}

/**
 * Runs `work`; when it fails because `signal` fired for a shutdown, moves the job back to wait
 * (attemptsMade unchanged) and throws BullMQ's WaitingError so the worker leaves it there. Any
 * other failure is rethrown as is.
 */
export async function parkOnShutdown<T>(
  job: Job,
  token: string | undefined,
  signal: AbortSignal | undefined,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (signal?.aborted === true && isShutdownError(signal.reason) && token !== undefined) {
      await job.moveToWait(token);
      throw new WaitingError();
    }
    throw err;
  }
}
