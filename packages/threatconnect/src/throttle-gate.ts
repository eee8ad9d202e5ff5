import { createHash } from 'node:crypto';
import { runScript, type RedisLike } from './redis-script.js';

// Extends the gate's expiry only when the new closing reaches further; a shorter Retry-After
// seen by another process must never reopen the gate early.
const closeLua = `
local want = tonumber(ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < want then
  redis.call('SET', KEYS[1], '1', 'PX', want)
  return want
end
return ttl
`;
// Counts consecutive unexplained throttles (no Retry-After) and closes the gate for the
// exponential step, in one script. A 429 that arrives while the gate is closed belongs to the same
// throttle (requests already in flight when it closed): counting it would climb to the longest
// step within a single burst. Both keys share the prefix, so a {hash-tag} prefix (which BullMQ
// needs on Redis Cluster anyway) keeps them in one slot.
const strikeLua = `
local ttl = redis.call('PTTL', KEYS[2])
if ttl > 0 then
  return ttl
end
local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local step = math.min(tonumber(ARGV[3]), tonumber(ARGV[2]) * 2 ^ math.min(n - 1, 30))
local ms = math.ceil(step / 2 + tonumber(ARGV[4]) * (step / 2))
ms = math.max(1, math.min(tonumber(ARGV[5]), ms))
redis.call('SET', KEYS[2], '1', 'PX', ms)
return ms
`;
const closeScript = { lua: closeLua, sha: createHash('sha1').update(closeLua).digest('hex') };
const strikeScript = { lua: strikeLua, sha: createHash('sha1').update(strikeLua).digest('hex') };

/** Options for {@link createThrottleGate}. */
export interface ThrottleGateOptions {
  redis: RedisLike;
  /** Shared key, one per API identity (see createTcRedisKeys). */
  key: string;
  /** First step when the server gave no Retry-After. @defaultValue 1000 */
  backoffBaseMs?: number;
  /** Largest step. @defaultValue 60000 */
  backoffMaxMs?: number;
  /** Random source in [0, 1), for the jitter. @defaultValue Math.random */
  random?: () => number;
  /** Longest single closing, whatever Retry-After says. @defaultValue 900000 (15 min) */
  maxCloseMs?: number;
}

/** A cross-process "stop sending" switch every client of one API identity honours. */
export interface ThrottleGate {
  /** Closes the gate for `durationMs` from now, unless it is already closed for longer; returns the remaining ms. */
  close(durationMs: number): Promise<number>;
  /** Closes the gate for a jittered exponential step (Retry-After absent); returns the remaining ms. */
  closeWithBackoff(): Promise<number>;
  /** Remaining closed time in ms (0 when open). */
  waitMs(): Promise<number>;
  /** Opens the gate now (operator action). */
  open(): Promise<void>;
}

/** Creates a Redis-backed throttle gate. */
export function createThrottleGate(options: ThrottleGateOptions): ThrottleGate {
  const { redis, key } = options;
  const base = options.backoffBaseMs ?? 1000;
  const max = options.backoffMaxMs ?? 60_000;
  const random = options.random ?? Math.random;
  const maxClose = options.maxCloseMs ?? 900_000;
  const strikesKey = `${key}:strikes`;
  const close = async (durationMs: number): Promise<number> => {
    // A wild Retry-After (hours) must not stall every worker of the farm; jobs retry anyway.
    const ms = Math.min(maxClose, Math.max(1, Math.ceil(durationMs)));
    return Number(await runScript(redis, closeScript, [key], [ms]));
  };
  return {
    close,
    async closeWithBackoff() {
      // "Equal jitter": at least half the step, so a crowd of processes spreads out but still waits.
      const args = [max * 2, base, max, random(), maxClose];
      return Number(await runScript(redis, strikeScript, [strikesKey, key], args));
    },
    async waitMs() {
      return Math.max(0, await redis.pttl(key));
    },
    async open() {
      // Two commands: the keys may live in different Cluster slots.
      await redis.del(key);
      await redis.del(strikesKey);
    },
  };
}
