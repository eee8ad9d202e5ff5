import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Job, Queue } from 'bullmq';

type RetriableState = 'failed' | 'completed';

const PAGE_SIZE = 100;
// Attempts are reset so a retried job gets its full retries and backoff again; Bull Board's own
// handlers call job.retry(state) without it, and an exhausted job then fails for good after
// one more try.
const RESET = { resetAttemptsMade: true, resetAttemptsStarted: true } as const;

function isRetriable(state: string): state is RetriableState {
  return state === 'failed' || state === 'completed';
}

function errorBody(key: string, options: Record<string, string> = {}): object {
  return { error: { key, options } };
}

async function retryOne(queue: Queue, jobId: string, res: Response): Promise<void> {
  const job = await queue.getJob(jobId);
  if (!job) {
    res.status(404).json(errorBody('ERRORS.JOB_NOT_FOUND'));
    return;
  }
  const state = await job.getState();
  if (!isRetriable(state)) {
    res.status(400).json(errorBody('ERRORS.JOB_NOT_RETRIABLE', { state }));
    return;
  }
  await job.retry(state, RESET);
  res.status(204).end();
}

async function retryAll(queue: Queue, state: RetriableState, res: Response): Promise<void> {
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
  res.json({ retried: done.size, skipped: Math.max(0, total - done.size) });
}

/**
 * Takes over Bull Board's two retry endpoints (same paths and answers, so the UI is unchanged)
 * to retry with attempts reset. Unknown queues fall through to the board, which answers 404.
 */
export function createRetryRoutes(queues: readonly Queue[]): Router {
  const byName = new Map(queues.map(queue => [queue.name, queue]));
  const router = express.Router();
  const wrap =
    (handler: (queue: Queue, req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction) => {
      const queue = byName.get(String(req.params.queueName));
      if (!queue) {
        next();
        return;
      }
      handler(queue, req, res).catch(next);
    };
  router.put(
    '/api/queues/:queueName/retry/:queueStatus',
    wrap(async (queue, req, res) => {
      const status = String(req.params.queueStatus);
      if (!isRetriable(status)) {
        res.status(400).json(errorBody('ERRORS.STATUS_NOT_RETRIABLE', { status }));
        return;
      }
      await retryAll(queue, status, res);
    }),
  );
  router.put(
    '/api/queues/:queueName/:jobId/retry',
    wrap((queue, req, res) => retryOne(queue, String(req.params.jobId), res)),
  );
  return router;
}
