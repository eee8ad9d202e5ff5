// A separate OS process hammering a shared limiter: argv = redisUrl key rps startAtMs durationMs.
// Prints the granted slot times (Redis clock, ms) as one JSON line.
import { Redis } from 'ioredis';
import { createRateLimiter } from '../rate-limiter.js';

const [url, key, rps, startAt, duration] = process.argv.slice(2);
const redis = new Redis(String(url));
const limiter = createRateLimiter({ redis, key: String(key), requestsPerSecond: Number(rps) });
const slots: number[] = [];
const endAt = Number(startAt) + Number(duration);

async function loop(): Promise<void> {
  while (Date.now() < endAt) {
    const slot = await limiter.acquire();
    if (Date.now() < endAt) {
      slots.push(slot.slotAtMs);
    }
  }
}

await new Promise(r => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
await Promise.all([loop(), loop(), loop()]);
process.stdout.write(`${JSON.stringify(slots)}\n`);
redis.disconnect();
