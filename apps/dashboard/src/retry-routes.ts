import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Queue } from 'bullmq';
import type { RequeueContext } from '@cuckoo-tc/queues';
import { retryAll, retryOne, type RetriableState } from './retry-actions.js';

function isRetriable(state: string): state is RetriableState {
  return state === 'failed' || state === 'completed';
}

function errorBody(key: string, options: Record<string, string> = {}): object {
  return { error: { key, options } };
}

async function retryJob(
  queue: Queue,
  jobId: string,
  ctx: RequeueContext | undefined,
  res: Response,
) {
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
  const outcome = await retryOne(queue, job, state, ctx);
  if (outcome.ok) {
    res.status(204).end();
  } else {
    res.status(outcome.status).json(errorBody(outcome.key, { state, reason: outcome.reason }));
  }
}

/**
 * Takes over Bull Board's two retry endpoints (same paths and answers, so the UI is unchanged)
 * to retry with attempts reset and flows kept whole. Unknown queues fall through to the board,
 * which answers 404.
 */
export function createRetryRoutes(queues: readonly Queue[], ctx?: RequeueContext): Router {
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
      res.json(await retryAll(queue, status, ctx));
    }),
  );
  router.put(
    '/api/queues/:queueName/:jobId/retry',
    wrap((queue, req, res) => retryJob(queue, String(req.params.jobId), ctx, res)),
  );
  return router;
}
