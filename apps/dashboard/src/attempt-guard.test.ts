import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { createAttemptGuard } from './attempt-guard.js';

function fakeRequest(ip: string): Request {
  return { ip, socket: {} } as unknown as Request;
}

function fakeResponse() {
  const sent: { status?: number; headers: Record<string, string> } = { headers: {} };
  const res = {
    status(code: number) {
      sent.status = code;
      return res;
    },
    set(name: string, value: string) {
      sent.headers[name] = value;
      return res;
    },
    json() {
      return res;
    },
  };
  return { res: res as unknown as Response, sent };
}

describe('createAttemptGuard', () => {
  it('locks an address out after maxFailures until the window ends, others unaffected', () => {
    let now = 0;
    const guard = createAttemptGuard({ maxFailures: 2, windowSeconds: 60, now: () => now });
    const attacker = fakeRequest('198.51.100.7');
    guard.fail(attacker);
    expect(guard.allow(attacker, fakeResponse().res)).toBe(true);
    guard.fail(attacker);
    const refused = fakeResponse();
    expect(guard.allow(attacker, refused.res)).toBe(false);
    expect(refused.sent).toEqual({ status: 429, headers: { 'Retry-After': '60' } });
    expect(guard.allow(fakeRequest('198.51.100.8'), fakeResponse().res)).toBe(true);
    now = 60_000;
    expect(guard.allow(attacker, fakeResponse().res)).toBe(true);
  });
});
