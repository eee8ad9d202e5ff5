import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { readCookie, setCookie } from './cookies.js';
import type { Signer } from './signer.js';

/** Cookie the board's axios client reads and echoes back as the `x-xsrf-token` header. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
/** Header that must echo {@link CSRF_COOKIE} on state-changing requests. */
export const CSRF_HEADER = 'x-xsrf-token';
/** Form field that may carry the token instead (the login form). */
export const CSRF_FIELD = '_csrf';

const PURPOSE = 'csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN_TTL_SECONDS = 24 * 3600;

/** Options of {@link createCsrfProtection}. */
export interface CsrfOptions {
  signer: Signer;
  /** Cookie path, the dashboard's base path. */
  path: string;
  /** Origins besides the request's own host that may send writes (e.g. a reverse proxy's). */
  allowedOrigins?: readonly string[];
  onRefused?: (req: Request, reason: string) => void;
}

/** The two middlewares of {@link createCsrfProtection}. */
export interface CsrfProtection {
  /** Makes sure the browser holds a valid token cookie; puts it in `res.locals.csrfToken`. */
  issue: RequestHandler;
  /** Refuses state-changing requests (403) that fail the origin or double-submit checks. */
  protect: RequestHandler;
}

function originProblem(req: Request, allowed: readonly string[]): string | undefined {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `cross-site request (Sec-Fetch-Site: ${site})`;
  }
  const origin = req.get('origin');
  if (origin === undefined || allowed.includes(origin)) {
    return undefined;
  }
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  return host !== undefined && host === req.get('host') ? undefined : 'foreign Origin';
}

function tokenProblem(req: Request, signer: Signer): string | undefined {
  const cookie = readCookie(req, CSRF_COOKIE);
  const body: unknown = req.body;
  const field =
    typeof body === 'object' && body !== null && CSRF_FIELD in body
      ? String((body as Record<string, unknown>)[CSRF_FIELD])
      : undefined;
  const echoed = req.get(CSRF_HEADER) ?? field;
  if (cookie === undefined || echoed === undefined) {
    return `missing ${CSRF_COOKIE} cookie or ${CSRF_HEADER} header`;
  }
  return echoed === cookie && signer.verify(PURPOSE, cookie) ? undefined : 'token mismatch';
}

/**
 * Double-submit CSRF protection with signed tokens plus Origin / Sec-Fetch-Site checks. Basic
 * auth and the session cookie are sent by the browser on its own, so every write must prove it
 * comes from our page. Requests authenticated by an explicit bearer header skip the token check
 * (a foreign page cannot set that header without a CORS preflight we never grant).
 */
export function createCsrfProtection(options: CsrfOptions): CsrfProtection {
  const { signer } = options;
  const allowed = options.allowedOrigins ?? [];
  return {
    issue(req: Request, res: Response, next: NextFunction) {
      let token = readCookie(req, CSRF_COOKIE);
      if (!signer.verify(PURPOSE, token)) {
        token = signer.issue(PURPOSE, TOKEN_TTL_SECONDS);
        setCookie(req, res, CSRF_COOKIE, token, { httpOnly: false, path: options.path });
      }
      res.locals.csrfToken = token;
      next();
    },
    protect(req: Request, res: Response, next: NextFunction) {
      if (SAFE_METHODS.has(req.method)) {
        next();
        return;
      }
      const problem =
        originProblem(req, allowed) ??
        (res.locals.auth === 'bearer' ? undefined : tokenProblem(req, signer));
      if (problem !== undefined) {
        options.onRefused?.(req, problem);
        res.status(403).json({ error: `CSRF check failed: ${problem}` });
        return;
      }
      next();
    },
  };
}
