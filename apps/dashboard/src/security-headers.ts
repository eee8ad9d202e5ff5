import type { NextFunction, Request, Response } from 'express';

// Bull Board's page loads its own scripts and styles (plus Google Fonts); nothing else.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
  "font-src 'self' https://fonts.gstatic.com data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/**
 * Headers on every answer: no framing (clickjacking of the action buttons), no referrer
 * leaking queue and job names to other sites (`same-origin`: under `no-referrer` browsers send
 * `Origin: null` on form posts, which the CSRF check must refuse), no MIME sniffing, and no caching of job data by browsers
 * or proxies (`private, no-store`; the static assets are behind authentication too).
 */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  });
  next();
}
