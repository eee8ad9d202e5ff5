import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { createTcRedisKeys } from './redis-keys.js';

const url = inject('redisUrl');
const prefix = uniquePrefix('tc-limiter');
const R = 20;
const durationMs = 3000;
let redis: Redis;

beforeAll(() => {
  redis = new Redis(url);
});
afterAll(async () => {
  redis.disconnect();
  await deleteKeysWithPrefix(url, prefix);
});

/** Max grants in any one-second window aligned on the first grant. */
function maxPerSecond(slots: number[]): { max: number; windows: number[] } {
  const sorted = [...slots].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  const windows: number[] = [];
  for (const s of sorted) {
    const i = Math.floor((s - first) / 1000);
    windows[i] = (windows[i] ?? 0) + 1;
  }
  return { max: Math.max(0, ...windows.map(w => w ?? 0)), windows };
}

/** Max grants in any sliding one-second window (stricter than aligned windows). */
function maxSliding(slots: number[]): number {
  const sorted = [...slots].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] as number) - (sorted[lo] as number) >= 1000) {
      lo++;
    }
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

async function hammer(limiter: RateLimiter, endAt: number, out: number[]): Promise<void> {
  while (Date.now() < endAt) {
    const slot = await limiter.acquire();
    if (Date.now() < endAt) {
      out.push(slot.slotAtMs);
    }
  }
}

interface Child {
  ready: Promise<void>;
  go(): void;
  result: Promise<number[]>;
}

function startChild(key: string): Child {
  const script = fileURLToPath(new URL('./__fixtures__/limiter-child.ts', import.meta.url));
  const args = ['--import', 'tsx', script, url, key, String(R), String(durationMs)];
  const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>(resolve => (onReady = resolve));
  proc.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) {
      onReady();
    }
  });
  const result = new Promise<number[]>((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', code =>
      code === 0
        ? resolve(JSON.parse(out.slice('ready\n'.length)) as number[])
        : reject(new Error(`limiter child exited with ${code}`)),
    );
  });
  return { ready, go: () => proc.stdin.end('go\n'), result };
}

describe('createRateLimiter (real Redis)', () => {
  it(`4 in-process limiters + 3 child processes together never exceed ${R}/s (+1)`, async () => {
    const { rate } = createTcRedisKeys(prefix, 'shared-identity');
    const children = [startChild(rate), startChild(rate), startChild(rate)];
    const local: number[] = [];
    const connections = Array.from({ length: 4 }, () => new Redis(url));
    try {
      await Promise.all(children.map(c => c.ready)); // boot time is not part of the window
      children.forEach(c => c.go());
      const endAt = Date.now() + durationMs;
      const limiters = connections.map(c =>
        createRateLimiter({ redis: c, key: rate, requestsPerSecond: R }),
      );
      await Promise.all(limiters.flatMap(l => [hammer(l, endAt, local), hammer(l, endAt, local)]));
      const fromChildren = (await Promise.all(children.map(c => c.result))).flat();
      const all = [...local, ...fromChildren];
      const { max, windows } = maxPerSecond(all);
      expect(fromChildren.length, 'child processes got grants').toBeGreaterThan(0);
      expect(local.length, 'in-process limiters got grants').toBeGreaterThan(0);
      expect(windows.length).toBeGreaterThanOrEqual(3);
      expect(max, `grants per second window: ${windows.join(',')}`).toBeLessThanOrEqual(R + 1);
      expect(maxSliding(all)).toBeLessThanOrEqual(R + 1);
      // It is a limiter, not a blocker: the full windows are used.
      expect(windows[1]).toBeGreaterThanOrEqual(R - 1);
    } finally {
      connections.forEach(c => c.disconnect());
    }
  });

  it('a crowd arriving at once is spaced evenly, not burst', async () => {
    const key = `${prefix}:crowd`;
    const limiters = Array.from({ length: 10 }, () =>
      createRateLimiter({ redis, key, requestsPerSecond: 10 }),
    );
    const slots = await Promise.all(limiters.map(l => l.acquire()));
    const times = slots.map(s => s.slotAtMs).sort((a, b) => a - b);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(99.9);
  });

  it('refuses without reserving when the wait would exceed maxWaitMs', async () => {
    const key = `${prefix}:budget`;
    const limiter = createRateLimiter({ redis, key, requestsPerSecond: 1, maxWaitMs: 500 });
    expect((await limiter.acquire()).granted).toBe(true);
    const refused = await limiter.acquire();
    expect(refused.granted).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(500);
    const again = await limiter.acquire();
    expect(again.granted).toBe(false);
    // The refusal did not push the slot further out.
    expect(Math.abs(again.slotAtMs - refused.slotAtMs)).toBeLessThan(1);
  });

  it('rejects a non-positive rate', () => {
    expect(() => createRateLimiter({ redis, key: `${prefix}:x`, requestsPerSecond: 0 })).toThrow(
      RangeError,
    );
  });
});
