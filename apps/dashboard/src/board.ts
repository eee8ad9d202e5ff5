import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { Express } from 'express';

/** Options of {@link createBoard}. */
export interface BoardOptions {
  queues: readonly Queue[];
  /** Where the board is mounted, ending in `/`. */
  basePath: string;
  /** Shown as the board's title, e.g. the environment. */
  title?: string;
}

/**
 * Bull Board over the given queues with retries allowed (writes are guarded by our auth and
 * CSRF layers, not by hiding buttons: `allowRetries: false` would not close the endpoint).
 */
export function createBoard(options: BoardOptions): Express {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(options.basePath);
  createBullBoard({
    queues: options.queues.map(
      queue => new BullMQAdapter(queue, { allowRetries: true, readOnlyMode: false }),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: options.title ?? 'cuckoo-tc' } },
  });
  const router = serverAdapter.getRouter() as Express;
  router.disable('x-powered-by');
  return router;
}
