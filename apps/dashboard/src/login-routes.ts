import express, { type Request, type Response, type Router } from 'express';
import { basicMatches, SESSION_PURPOSE, tokenMatches } from './auth-middleware.js';
import { setCookie } from './cookies.js';
import type { AttemptGuard } from './attempt-guard.js';
import type { CheckedCredentials } from './credentials.js';
import { hasCredentials } from './credentials.js';
import type { CsrfProtection } from './csrf-middleware.js';
import { loginPage } from './login-page.js';
import type { Signer } from './signer.js';

/** Options of {@link createLoginRoutes}. */
export interface LoginRoutesOptions {
  credentials: CheckedCredentials;
  signer: Signer;
  csrf: CsrfProtection;
  guard: AttemptGuard;
  sessionCookie: string;
  sessionTtlSeconds: number;
  /** The dashboard's base path, ending in `/`. */
  basePath: string;
  onLogin?: (req: Request, ok: boolean) => void;
}

function field(body: unknown, name: string): string {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : '';
  return typeof value === 'string' ? value : '';
}

function accepted(credentials: CheckedCredentials, body: unknown): boolean {
  const token = field(body, 'token');
  if (token !== '') {
    return tokenMatches(credentials, token);
  }
  return basicMatches(credentials, field(body, 'user'), field(body, 'password'));
}

/**
 * `GET login` (the form), `POST login` (sets an HttpOnly, SameSite=Strict session cookie signed
 * with the process key, so a browser can use a bearer token) and `POST logout`.
 */
export function createLoginRoutes(options: LoginRoutesOptions): Router {
  const { basePath, credentials } = options;
  const loginPath = `${basePath}login`;
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  router.get('/login', options.csrf.issue, (_req: Request, res: Response) => {
    if (!hasCredentials(credentials)) {
      res.redirect(303, basePath);
      return;
    }
    res.type('html').send(loginPage(credentials, loginPath, String(res.locals.csrfToken)));
  });
  router.post('/login', form, options.csrf.protect, options.csrf.issue, (req, res) => {
    if (!options.guard.allow(req, res)) {
      return;
    }
    const ok = hasCredentials(credentials) && accepted(credentials, req.body);
    options.onLogin?.(req, ok);
    if (!ok) {
      options.guard.fail(req);
      const page = loginPage(
        credentials,
        loginPath,
        String(res.locals.csrfToken),
        'Wrong credentials.',
      );
      res.status(401).type('html').send(page);
      return;
    }
    const session = options.signer.issue(SESSION_PURPOSE, options.sessionTtlSeconds);
    setCookie(req, res, options.sessionCookie, session, {
      httpOnly: true,
      path: basePath,
      maxAge: options.sessionTtlSeconds,
    });
    res.redirect(303, basePath);
  });
  router.post('/logout', form, options.csrf.protect, (req, res) => {
    setCookie(req, res, options.sessionCookie, '', { httpOnly: true, path: basePath, maxAge: 0 });
    res.redirect(303, loginPath);
  });
  return router;
}
