import type { MinimalJob } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createBackoffStrategy, jitteredExponentialDelay } from './backoff.js';
import { jobOptions } from './catalog.js';

describe('jitteredExponentialDelay', () => {
  it('doubles per attempt between the jitter bounds', () => {
    const low = (attempt: number) =>
      jitteredExponentialDelay(attempt, { baseMs: 1000, jitter: 0.5, random: () => 0 });
    const high = (attempt: number) =>
      jitteredExponentialDelay(attempt, { baseMs: 1000, jitter: 0.5, random: () => 0.999999 });
    expect([1, 2, 3, 4].map(low)).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map(high)).toEqual([1000, 2000, 4000, 8000]);
  });

  it('caps at maxMs and survives absurd attempt numbers', () => {
    const delay = jitteredExponentialDelay(5000, {
      baseMs: 1000,
      maxMs: 60_000,
      jitter: 0,
      random: () => 0.3,
    });
    expect(delay).toBe(60_000);
  });

  it('spreads retries of jobs that failed together', () => {
    const delays = new Set(
      Array.from({ length: 50 }, () => jitteredExponentialDelay(3, { baseMs: 1000 })),
    );
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });
});

describe('createBackoffStrategy', () => {
  const job = { opts: jobOptions('create-incident') } as unknown as MinimalJob;

  it('uses the delay configured in the job options', async () => {
    const strategy = createBackoffStrategy({ jitter: 0 });
    expect(await strategy(1, 'jittered-exponential', new Error('503'), job)).toBe(2000);
    expect(await strategy(3, 'jittered-exponential', new Error('503'), job)).toBe(8000);
  });

  it('honours retryAfterMs carried by the error', async () => {
    const strategy = createBackoffStrategy({ jitter: 0 });
    const err = Object.assign(new Error('503'), { retryAfterMs: 7000 });
    expect(await strategy(1, 'jittered-exponential', err, job)).toBe(7000);
  });
});
