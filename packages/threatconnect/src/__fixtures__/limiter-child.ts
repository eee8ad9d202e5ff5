// A separate OS process hammering a shared limiter: argv = redisUrl key rps durationMs.
// Says "ready" once connected, starts on the first stdin line (so slow boots on a loaded machine
// do not shift the window), then prints the granted slot times (Redis clock, ms) as JSON.
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { createRateLimiter } from '../rate-limiter.js';

const [url, key, rps, duration] = process.argv.slice(2);
const redis = new Redis(String(url));
await redis.ping();
const limiter = createRateLimiter({ redis, key: String(key), requestsPerSecond: Number(rps) });
const slots: number[] = [];

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await new Promise(resolve => lines.once('line', resolve));
lines.close();
const endAt = Date.now() + Number(duration);

async function loop(): Promise<void> {
  while (Date.now() < endAt) {
    const slot = await limiter.acquire();
    if (Date.now() < endAt) {
      slots.push(slot.slotAtMs);
    }
  }
}

await Promise.all([loop(), loop(), loop()]);
process.stdout.write(`${JSON.stringify(slots)}\n`);
redis.disconnect();
