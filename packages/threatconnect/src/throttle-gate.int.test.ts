import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTcRedisKeys } from './redis-keys.js';
import { createThrottleGate } from './throttle-gate.js';

const url = inject('redisUrl');
const prefix = uniquePrefix('tc-gate');
let a: Redis;
let b: Redis;

beforeAll(() => {
  a = new Redis(url);
  b = new Redis(url);
});
afterAll(async () => {
  a.disconnect();
  b.disconnect();
  await deleteKeysWithPrefix(url, prefix);
});

describe('createThrottleGate (real Redis)', () => {
  it('a close by one instance is seen by another', async () => {
    const { gate: key } = createTcRedisKeys(prefix, 'id-1');
    const one = createThrottleGate({ redis: a, key });
    const two = createThrottleGate({ redis: b, key });
    expect(await two.waitMs()).toBe(0);
    await one.close(5000);
    const seen = await two.waitMs();
    expect(seen).toBeGreaterThan(4000);
    expect(seen).toBeLessThanOrEqual(5000);
  });

  it('only extends, never shortens', async () => {
    const { gate: key } = createTcRedisKeys(prefix, 'id-2');
    const one = createThrottleGate({ redis: a, key });
    const two = createThrottleGate({ redis: b, key });
    await one.close(10_000);
    expect(await two.close(1000)).toBeGreaterThan(9000);
    expect(await one.waitMs()).toBeGreaterThan(9000);
    expect(await two.close(20_000)).toBe(20_000);
    expect(await one.waitMs()).toBeGreaterThan(19_000);
    await one.open();
    expect(await two.waitMs()).toBe(0);
  });

  it('without Retry-After, steps grow exponentially with jitter and stay within the cap', async () => {
    const { gate: key } = createTcRedisKeys(prefix, 'id-3');
    const options = { redis: a, key, backoffBaseMs: 1000, backoffMaxMs: 8000 };
    const gate = createThrottleGate({ ...options, random: () => 0.5 });
    const steps: number[] = [];
    for (let i = 0; i < 5; i++) {
      await a.del(key); // the gate reopens by expiry; the strike count stays
      steps.push(await gate.closeWithBackoff());
    }
    // Equal jitter: half the step plus random() of the other half.
    expect(steps).toEqual([750, 1500, 3000, 6000, 6000]);
    await gate.open(); // clears the strikes too
    const low = createThrottleGate({ ...options, random: () => 0 });
    expect(await low.closeWithBackoff()).toBe(500);
  });

  it('429s answered while the gate is closed are the same throttle: one strike per closing', async () => {
    const { gate: key } = createTcRedisKeys(prefix, 'id-burst');
    const gate = createThrottleGate({ redis: a, key, backoffBaseMs: 1000, random: () => 0.5 });
    // Fifteen requests in flight come back 429 together: the first step (750 ms), not 60 s.
    const burst = await Promise.all(Array.from({ length: 15 }, () => gate.closeWithBackoff()));
    expect(Math.max(...burst)).toBe(750);
    await a.del(key); // reopened by expiry: the next unexplained 429 is the second strike
    expect(await gate.closeWithBackoff()).toBe(1500);
    // A gate closed by Retry-After is not extended or counted by a 429 without one.
    await gate.close(30_000);
    expect(await gate.closeWithBackoff()).toBeGreaterThan(29_000);
    await a.del(key);
    expect(await gate.closeWithBackoff()).toBe(3000);
  });

  it('keys never contain the identity itself', () => {
    const keys = createTcRedisKeys('cuckoo-tc', 'emulator-access-id');
    expect(JSON.stringify(keys)).not.toContain('emulator-access-id');
    expect(keys.rate).toMatch(/^cuckoo-tc:tc:[0-9a-f]{16}:rate$/);
  });
});

describe('gate cap', () => {
  it('caps a single closing at maxCloseMs whatever Retry-After says', async () => {
    const { gate: key } = createTcRedisKeys(prefix, 'id-cap');
    const gate = createThrottleGate({ redis: a, key, maxCloseMs: 2000 });
    expect(await gate.close(3_600_000)).toBe(2000);
    expect(await gate.waitMs()).toBeLessThanOrEqual(2000);
  });
});
