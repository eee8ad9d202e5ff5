import type { Request, Response } from 'express';

/** Options of {@link createAttemptGuard}. */
export interface AttemptGuardOptions {
  /** Failed credential checks allowed per client address and window. @defaultValue 10 */
  maxFailures?: number;
  /** @defaultValue 60 */
  windowSeconds?: number;
  now?: () => number;
}

/** Slows down password and token guessing, per client address. */
export interface AttemptGuard {
  /** Answers 429 with Retry-After and returns false while the client is locked out. */
  allow(req: Request, res: Response): boolean;
  /** Counts one failed credential check for the client. */
  fail(req: Request): void;
}

const MAX_TRACKED = 10_000;

function clientKey(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/**
 * A fixed-window failure counter in memory. One process is enough: the dashboard is one
 * process per deployment, and a restart (which resets the counts) also rotates the keys.
 */
export function createAttemptGuard(options: AttemptGuardOptions = {}): AttemptGuard {
  const max = options.maxFailures ?? 10;
  const windowMs = (options.windowSeconds ?? 60) * 1000;
  const now = options.now ?? Date.now;
  const failures = new Map<string, { count: number; since: number }>();
  const current = (key: string) => {
    const entry = failures.get(key);
    if (entry && now() - entry.since >= windowMs) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    allow(req, res) {
      const entry = current(clientKey(req));
      if (entry === undefined || entry.count < max) {
        return true;
      }
      const retryAfter = Math.max(1, Math.ceil((entry.since + windowMs - now()) / 1000));
      res
        .status(429)
        .set('Retry-After', String(retryAfter))
        .json({
          error: `too many failed logins from this address; retry in ${retryAfter} s`,
        });
      return false;
    },
    fail(req) {
      const key = clientKey(req);
      const entry = current(key);
      if (entry) {
        entry.count += 1;
        return;
      }
      if (failures.size >= MAX_TRACKED) {
        failures.clear();
      }
      failures.set(key, { count: 1, since: now() });
    },
  };
}
