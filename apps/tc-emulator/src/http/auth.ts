// ThreatConnect authentication: HMAC over `<raw request-target>:<METHOD>:<Timestamp>` or an
// API token. Messages are ThreatConnect's own; every failure is a 401.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EmulatorUser } from '../options.js';

/** Outcome of authenticate(): the user, or the 401 message. */
export type AuthResult = { ok: true; user: EmulatorUser } | { ok: false; message: string };

/** What authenticate() needs from a request. */
export interface AuthInput {
  method: string;
  rawTarget: string;
  authorization: string | undefined;
  timestamp: string | undefined;
}

/** Signature ThreatConnect expects for a request (base64 HMAC-SHA256). */
export function signRequest(
  secretKey: string,
  rawTarget: string,
  method: string,
  ts: string,
): string {
  return createHmac('sha256', secretKey)
    .update(`${rawTarget}:${method.toUpperCase()}:${ts}`, 'utf8')
    .digest('base64');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    // Compare anyway so the time spent does not depend on where the inputs differ.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

function authenticateToken(token: string, users: EmulatorUser[]): AuthResult {
  const user = users.find(u => u.apiToken !== undefined && safeEqual(u.apiToken, token));
  return user ? { ok: true, user } : { ok: false, message: 'Unauthorized' };
}

/** Checks a request's credentials against the configured users. */
export function authenticate(
  input: AuthInput,
  users: EmulatorUser[],
  nowMs: number,
  toleranceSeconds: number,
): AuthResult {
  const header = input.authorization ?? '';
  if (header.startsWith('TC-Token ')) {
    return authenticateToken(header.slice('TC-Token '.length), users);
  }
  const match = /^TC ([^:\s]+):(\S+)$/.exec(header);
  if (!match) {
    return { ok: false, message: 'Access Denied' };
  }
  const ts = input.timestamp ?? '';
  if (!/^\d{1,15}$/.test(ts)) {
    return { ok: false, message: 'Invalid timestamp' };
  }
  if (Math.abs(nowMs / 1000 - Number(ts)) > toleranceSeconds) {
    return { ok: false, message: 'Timestamp out of acceptable time range' };
  }
  const [, accessId = '', signature = ''] = match;
  const user = users.find(u => u.accessId === accessId);
  if (!user) {
    return { ok: false, message: 'Access Denied' };
  }
  const expected = signRequest(user.secretKey, input.rawTarget, input.method, ts);
  if (!safeEqual(expected, signature)) {
    return { ok: false, message: 'Signature data did not match expected result' };
  }
  return { ok: true, user };
}
