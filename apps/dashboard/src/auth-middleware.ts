import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AttemptGuard } from './attempt-guard.js';
import type { CheckedCredentials } from './credentials.js';
import { hasCredentials, secretEquals } from './credentials.js';
import { readCookie } from './cookies.js';
import type { Signer } from './signer.js';

/** How a request proved who it is; stored in `res.locals.auth`. */
export type AuthMethod = 'basic' | 'bearer' | 'session' | 'open';

/** Purpose tag of session cookies in the {@link Signer}. */
export const SESSION_PURPOSE = 'session';

/** Options of {@link createAuthMiddleware}. */
export interface AuthMiddlewareOptions {
  credentials: CheckedCredentials;
  signer: Signer;
  sessionCookie: string;
  /** Where the login form lives, linked from the 401 page. */
  loginPath: string;
  /** Locks out an address after repeated wrong credentials. */
  guard: AttemptGuard;
  /** Told about every refused attempt (never with the secret); used for logging. */
  onRefused?: (req: Request, reason: string) => void;
}

/** Checks user and password; both comparisons always run so timing says nothing about which failed. */
export function basicMatches(credentials: CheckedCredentials, user: string, password: string) {
  if (credentials.basic === undefined) {
    return false;
  }
  const userOk = secretEquals(user, credentials.basic.user);
  const passwordOk = secretEquals(password, credentials.basic.password);
  return userOk && passwordOk;
}

/** Checks a bearer token against the configured one. */
export function tokenMatches(credentials: CheckedCredentials, token: string): boolean {
  return credentials.token !== undefined && secretEquals(token, credentials.token);
}

function fromHeader(credentials: CheckedCredentials, header: string): AuthMethod | undefined {
  const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (
      colon >= 0 &&
      basicMatches(credentials, decoded.slice(0, colon), decoded.slice(colon + 1))
    ) {
      return 'basic';
    }
  } else if (scheme.toLowerCase() === 'bearer' && tokenMatches(credentials, value)) {
    return 'bearer';
  }
  return undefined;
}

function challenges(credentials: CheckedCredentials): string[] {
  const realm = 'realm="cuckoo-tc dashboard"';
  return [
    ...(credentials.basic ? [`Basic ${realm}, charset="UTF-8"`] : []),
    ...(credentials.token ? [`Bearer ${realm}`] : []),
  ];
}

function refuse(req: Request, res: Response, options: AuthMiddlewareOptions): void {
  res.status(401).set('WWW-Authenticate', challenges(options.credentials));
  if (req.accepts(['json', 'html']) === 'html') {
    res
      .type('html')
      .send(
        `<!doctype html><title>cuckoo-tc dashboard</title><p>Authentication required. ` +
          `<a href="${options.loginPath}">Log in</a></p>`,
      );
  } else {
    res.json({ error: 'authentication required' });
  }
}

/**
 * Lets a request through when it carries valid basic credentials, a bearer token or a signed
 * session cookie from the login form; otherwise answers 401 with the configured challenges.
 * Without configured credentials (allowed on loopback only) every request passes.
 */
export function createAuthMiddleware(options: AuthMiddlewareOptions): RequestHandler {
  const { credentials, signer } = options;
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasCredentials(credentials)) {
      res.locals.auth = 'open' satisfies AuthMethod;
      next();
      return;
    }
    const header = req.headers.authorization;
    if (header !== undefined && !options.guard.allow(req, res)) {
      return;
    }
    const method =
      header !== undefined
        ? fromHeader(credentials, header)
        : signer.verify(SESSION_PURPOSE, readCookie(req, options.sessionCookie))
          ? 'session'
          : undefined;
    if (method === undefined) {
      if (header !== undefined) {
        options.guard.fail(req);
      }
      options.onRefused?.(req, header !== undefined ? 'wrong credentials' : 'no credentials');
      refuse(req, res, options);
      return;
    }
    res.locals.auth = method;
    next();
  };
}
