import { describe, expect, it } from 'vitest';
import { decideFault } from './fault-decision.js';
import { createRateLimiter } from './rate-limiter.js';
import { QUIET_CONFIG, patchRuntimeConfig } from './runtime-config.js';

describe('rate limiter (token bucket)', () => {
  it('allows a burst of R, then R per second, per user, and says when the next token comes', () => {
    const limiter = createRateLimiter();
    expect([0, 0, 0].map(t => limiter.take('u', t, 2))).toEqual([0, 0, 500]);
    expect(limiter.take('other', 0, 2)).toBe(0);
    expect(limiter.take('u', 499, 2)).toBe(2);
    expect(limiter.take('u', 500, 2)).toBe(0);
    expect(limiter.take('u', 600, 2)).toBe(400);
  });

  it('absorbs jitter of an evenly spaced client at exactly R', () => {
    const limiter = createRateLimiter();
    const jitter = [0, 7, -7, 3, -9, 9, -2, 5];
    const waits = Array.from({ length: 200 }, (_, k) =>
      limiter.take('u', 1000 + k * 100 + (jitter[k % 8] ?? 0), 10),
    );
    expect(waits.every(w => w === 0)).toBe(true);
  });

  it('honours a smaller burst', () => {
    const limiter = createRateLimiter();
    expect([0, 0].map(t => limiter.take('u', t, 10, 1))).toEqual([0, 100]);
  });
});

describe('runtime config', () => {
  it('merges partial patches and turns faults off with 0 or null', () => {
    const on = patchRuntimeConfig(QUIET_CONFIG, {
      rateLimit: { requestsPerSecond: 5 },
      faults: {
        errorRate: 0.2,
        latencyMs: 50,
        dropRate: 0.05,
        failNext: { count: 3, status: 503, retryAfter: 2 },
      },
    });
    expect(on.rateLimit).toEqual({ requestsPerSecond: 5, burst: null, retryAfter: 'seconds' });
    expect(on.faults).toMatchObject({
      errorRate: 0.2,
      latencyMs: 50,
      dropRate: 0.05,
      failNext: { count: 3, status: 503, retryAfter: 2 },
    });
    const off = patchRuntimeConfig(on, {
      rateLimit: { requestsPerSecond: 0 },
      faults: { errorRate: null, failNext: null },
    });
    expect(off.rateLimit.requestsPerSecond).toBeNull();
    expect(off.faults).toMatchObject({ errorRate: 0, latencyMs: 50, failNext: null });
    expect(patchRuntimeConfig(on, { faults: null }).faults).toEqual(QUIET_CONFIG.faults);
  });

  it.each([
    { faults: { errorRate: 1.5 } },
    { faults: { latencyMs: -1 } },
    { faults: { failNext: { count: 1.5, status: 503 } } },
    { rateLimit: { requestsPerSecond: -2 } },
    { rateLimit: { burst: 0.5 } },
    { rateLimit: { retryAfter: 'minutes' as 'none' } },
  ])('refuses %j', patch => {
    expect(() => patchRuntimeConfig(QUIET_CONFIG, patch)).toThrow();
  });
});

describe('fault decision', () => {
  it('uses failNext first, counts it down, and then the rates', () => {
    const faults = {
      ...QUIET_CONFIG.faults,
      dropRate: 0.5,
      failNext: { count: 1, status: 429, retryAfter: 3 },
    };
    expect(decideFault(faults, 'GET /v3/groups', () => 0)).toEqual({
      kind: 'fail',
      status: 429,
      retryAfter: 3,
    });
    expect(faults.failNext).toBeNull();
    expect(decideFault(faults, 'GET /v3/groups', () => 0.4)).toEqual({ kind: 'drop' });
    expect(decideFault(faults, 'GET /v3/groups', () => 0.6)).toEqual({ kind: 'none' });
    expect(
      decideFault({ ...faults, routes: ['POST /v3/groups'] }, 'GET /v3/groups', () => 0),
    ).toEqual({ kind: 'none' });
  });
});
