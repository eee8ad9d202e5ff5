import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@cuckoo-tc/telemetry';

function statusOf(error: unknown): number {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

/**
 * Last handler: client errors (bad JSON, oversized forms) keep their 4xx status, anything else
 * is logged and answered with a bare 500, never Express's default page with a stack trace.
 */
export function createErrorHandler(logger?: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = statusOf(error);
    if (status === 500) {
      const message = error instanceof Error ? error.message : String(error);
      logger?.error(
        { err: message, method: req.method, path: req.path },
        'dashboard: request failed',
      );
    }
    res.status(status).json({ error: status === 500 ? 'internal error' : 'bad request' });
  };
}
