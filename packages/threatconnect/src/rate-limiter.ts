import { createHash } from 'node:crypto';
import { runScript, type RedisLike } from './redis-script.js';
import { sleep } from './sleep.js';

// GCRA with a burst of one: the key holds the next free slot ("theoretical arrival time") in
// Redis-server microseconds. Each call atomically takes max(now, slot) and pushes the slot one
// interval further, so grants are evenly spaced across every process sharing the key, and a
// crowd of processes starting together queues up instead of bursting. Redis TIME is the only
// clock, so host clock differences do not matter.
const lua = `
if redis.replicate_commands then redis.replicate_commands() end
local interval = tonumber(ARGV[1])
local maxWait = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local slot = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if slot < now then slot = now end
local wait = slot - now
if maxWait >= 0 and wait > maxWait then
  return {0, wait, string.format('%.0f', slot)}
end
local nextSlot = slot + interval
redis.call('SET', KEYS[1], string.format('%.0f', nextSlot), 'PX', math.ceil((nextSlot - now) / 1000) + 1000)
return {1, wait, string.format('%.0f', slot)}
`;
const script = { lua, sha: createHash('sha1').update(lua).digest('hex') };

/** Options for {@link createRateLimiter}. */
export interface RateLimiterOptions {
  redis: RedisLike;
  /** Shared key, one per API identity (see createTcRedisKeys). */
  key: string;
  /** Steady rate shared by all processes using the key. */
  requestsPerSecond: number;
  /** Refuse (without reserving) when the wait would exceed this. @defaultValue no limit */
  maxWaitMs?: number;
}

/** Result of one {@link RateLimiter.acquire}. */
export interface RateLimitSlot {
  /** False when the wait would have exceeded maxWaitMs; nothing was reserved then. */
  granted: boolean;
  /** How long the caller waited (granted) or would have had to wait (refused), in ms. */
  waitMs: number;
  /** The slot's start on the Redis clock (epoch ms, fractional). */
  slotAtMs: number;
}

/** A Redis-backed limiter shared by every process using the same key. */
export interface RateLimiter {
  readonly requestsPerSecond: number;
  /** Reserves the next slot atomically and sleeps until it starts. */
  acquire(): Promise<RateLimitSlot>;
}

/** Creates a shared evenly-spacing rate limiter (GCRA in one Lua script). */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  if (!(options.requestsPerSecond > 0)) {
    throw new RangeError(`requestsPerSecond must be > 0, got ${options.requestsPerSecond}`);
  }
  const intervalUs = Math.round(1_000_000 / options.requestsPerSecond);
  const maxWaitUs = options.maxWaitMs === undefined ? -1 : Math.round(options.maxWaitMs * 1000);
  return {
    requestsPerSecond: options.requestsPerSecond,
    async acquire() {
      const reply = (await runScript(
        options.redis,
        script,
        [options.key],
        [intervalUs, maxWaitUs],
      )) as [number, number, string];
      const [granted, waitUs, slotUs] = reply;
      const slot = {
        granted: granted === 1,
        waitMs: waitUs / 1000,
        slotAtMs: Number(slotUs) / 1000,
      };
      if (slot.granted) {
        await sleep(Math.ceil(slot.waitMs));
      }
      return slot;
    },
  };
}
