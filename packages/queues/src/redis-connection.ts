import { maskUrlPassword } from '@cuckoo-tc/config';
import { Redis, type RedisOptions } from 'ioredis';
import { EvictingRedisError, RedisUnreachableError } from './errors.js';

/**
 * Who uses the connection, which decides how it behaves when Redis is away:
 * - `worker`: waits for Redis for ever (`maxRetriesPerRequest: null`, which BullMQ's blocking
 *   connection requires) so a Redis restart pauses work instead of failing jobs;
 * - `producer` / `http`: fail fast (`enableOfflineQueue: false`, few retries) so a scan tick or
 *   an HTTP push answers with an error instead of hanging while Redis is down.
 */
export type RedisRole = 'worker' | 'producer' | 'http';

/** Options of {@link createRedisConnection}. */
export interface RedisConnectionOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://` for TLS. */
  url: string;
  /** @defaultValue `worker` */
  role?: RedisRole;
  /** Shown by `CLIENT LIST`, e.g. `cuckoo-tc:producer`. */
  connectionName?: string;
  /** Extra ioredis options; they win over the role's defaults. Never `keyPrefix` (BullMQ refuses it). */
  overrides?: RedisOptions;
  /**
   * Told of every connection error (e.g. to log it). A listener is always attached, so ioredis
   * never prints `Unhandled error event` with a stack trace; failed commands still reject.
   */
  onError?: (error: Error) => void;
}

/** The ioredis options each role gets before overrides. */
export function redisRoleDefaults(role: RedisRole): RedisOptions {
  if (role === 'worker') {
    return { maxRetriesPerRequest: null, enableReadyCheck: true };
  }
  return { maxRetriesPerRequest: 3, enableOfflineQueue: false, enableReadyCheck: true };
}

/** The one place Redis connections are made: role defaults, a name, then overrides. */
export function createRedisConnection(options: RedisConnectionOptions): Redis {
  const role = options.role ?? 'worker';
  const redisOptions: RedisOptions = {
    ...redisRoleDefaults(role),
    connectionName: options.connectionName ?? `cuckoo-tc:${role}`,
    ...options.overrides,
  };
  const redis = new Redis(options.url, redisOptions);
  redis.on('error', (error: Error) => options.onError?.(error));
  return redis;
}

/** Options of {@link connectRedis}. */
export interface ConnectRedisOptions extends RedisConnectionOptions {
  /** @defaultValue 10 000 */
  timeoutMs?: number;
}

/**
 * Creates a connection and waits until it is ready; on the first connection error or the
 * timeout it closes the connection and throws {@link RedisUnreachableError}, one line naming
 * the URL (password masked) and the cause; `onError` hears of later errors. Start-ups use it so an unreachable Redis stops a
 * command at once instead of leaving it retrying in the background.
 */
export async function connectRedis(options: ConnectRedisOptions): Promise<Redis> {
  // onError only hears of errors once connected: before that the one thrown line says it all.
  const { onError, ...rest } = options;
  const redis = createRedisConnection(rest);
  try {
    await waitUntilReady(redis, options.timeoutMs);
    if (onError) {
      redis.on('error', onError);
    }
    return redis;
  } catch (error) {
    redis.disconnect();
    const cause = error instanceof Error ? error.message : String(error);
    throw new RedisUnreachableError(
      `cannot reach Redis at ${maskUrlPassword(options.url)}: ${cause.split('\n')[0] ?? ''}`,
      { cause: error },
    );
  }
}

/**
 * Resolves once the connection is ready. Fail-fast connections refuse commands before that,
 * and BullMQ sends some as soon as a Queue is constructed, so producers await this first.
 * Rejects with the cause (e.g. `connect ECONNREFUSED 127.0.0.1:6390`) on the first
 * connection error, when the connection ends, or after `timeoutMs`.
 */
export async function waitUntilReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') {
    return;
  }
  if (redis.status === 'wait') {
    // A lazy connection: start it; the outcome arrives through the events below.
    redis.connect().catch(() => undefined);
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms (status ${redis.status})`));
    }, timeoutMs);
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onEnd = (): void => {
      cleanup();
      reject(new Error('Redis connection ended before it was ready'));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
      redis.off('end', onEnd);
    };
    redis.on('ready', onReady);
    redis.on('error', onError);
    redis.on('end', onEnd);
  });
}

/** Reads `maxmemory-policy` from `INFO memory` (allowed where `CONFIG` is disabled). */
export async function readEvictionPolicy(redis: Redis): Promise<string> {
  const info = await redis.info('memory');
  const match = /^maxmemory_policy:(\S+)/m.exec(info);
  if (match?.[1] !== undefined) {
    return match[1];
  }
  const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
  return reply[1] ?? 'unknown';
}

/**
 * Refuses a Redis that may evict keys. Any policy but `noeviction` lets Redis drop job hashes,
 * locks and our progress markers under memory pressure, losing analyses without a trace.
 */
export async function assertNoEviction(redis: Redis): Promise<void> {
  const policy = await readEvictionPolicy(redis);
  if (policy !== 'noeviction') {
    const where = `${redis.options.host ?? '?'}:${redis.options.port ?? '?'}`;
    throw new EvictingRedisError(
      `Redis at ${where} has maxmemory-policy ${policy}; cuckoo-tc needs noeviction ` +
        `(set "maxmemory-policy noeviction" in redis.conf or run CONFIG SET maxmemory-policy ` +
        `noeviction), otherwise queued analyses can be evicted and silently lost`,
      policy,
    );
  }
}
