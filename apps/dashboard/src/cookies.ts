import type { Request, Response } from 'express';

/** Reads one cookie from the request's `Cookie` header (no cookie-parser dependency needed). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) {
    return undefined;
  }
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      const raw = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Options of {@link setCookie}. */
export interface CookieOptions {
  /** Hidden from page scripts (session) or readable (the CSRF token the UI echoes). */
  httpOnly: boolean;
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAge?: number;
}

/** Sets a SameSite=Strict cookie, Secure whenever the request arrived over TLS. */
export function setCookie(
  req: Request,
  res: Response,
  name: string,
  value: string,
  options: CookieOptions,
): void {
  res.cookie(name, value, {
    httpOnly: options.httpOnly,
    sameSite: 'strict',
    secure: req.secure,
    path: options.path,
    ...(options.maxAge !== undefined ? { maxAge: options.maxAge * 1000 } : {}),
    encode: String,
  });
}
