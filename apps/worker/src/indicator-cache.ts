// Cross-analysis cache of known ThreatConnect indicator ids. Sandbox farms see the same C2
// addresses and hosts in analysis after analysis; remembering their ids saves one upsert each.
// Keys are per ThreatConnect instance and owner (hashed, so no value or owner name leaks into
// key listings) and expire after `ttlSeconds`; a reverse entry (id -> what was upserted) lets
// the association step re-upsert an id that ThreatConnect no longer knows (a stale entry).
import { createHash } from 'node:crypto';
import type { IndicatorInput } from '@cuckoo-tc/queues';

/** Redis commands the cache needs (an ioredis client fits). */
export interface CacheRedis {
  mget(...keys: string[]): Promise<(string | null)[]>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: 'EX', seconds: number): Promise<unknown>;
  del(...keys: string[]): Promise<number>;
}

/** Options of {@link createIndicatorCache}. */
export interface IndicatorCacheOptions {
  redis: CacheRedis;
  /** Product key prefix (`redis.prefix`). */
  prefix: string;
  /** What makes ids comparable: ThreatConnect base URL and owner. */
  scope: string;
  ttlSeconds: number;
}

/** Known indicator ids by (type, value). */
export interface IndicatorCache {
  /** Cached ids, in input order (undefined on a miss). */
  lookup(indicators: readonly IndicatorInput[]): Promise<(number | undefined)[]>;
  remember(indicator: IndicatorInput, id: number): Promise<void>;
  /** What was upserted under `id`, or null. */
  indicatorOf(id: number): Promise<IndicatorInput | null>;
  /** Drops a stale id and its value entry. */
  forget(id: number): Promise<void>;
}

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}

/** Files are never cached: each analysis adds its own file occurrence with the upsert. */
export function isCacheable(indicator: IndicatorInput): boolean {
  return indicator.type !== 'File';
}

/** Creates the cache. */
export function createIndicatorCache(options: IndicatorCacheOptions): IndicatorCache {
  const base = `${options.prefix}:indicator-cache:${digest(options.scope).slice(0, 16)}`;
  const valueKey = (i: IndicatorInput): string =>
    `${base}:v:${digest(`${i.type}\u0000${i.value}`)}`;
  const idKey = (id: number): string => `${base}:id:${id}`;
  const { redis, ttlSeconds } = options;
  return {
    async lookup(indicators) {
      const wanted = indicators.filter(isCacheable);
      const found = wanted.length === 0 ? [] : await redis.mget(...wanted.map(valueKey));
      const byKey = new Map(wanted.map((i, n) => [valueKey(i), found[n] ?? null]));
      return indicators.map(i => {
        const text = isCacheable(i) ? byKey.get(valueKey(i)) : null;
        const id = text == null ? NaN : Number(text);
        return Number.isSafeInteger(id) && id > 0 ? id : undefined;
      });
    },
    async remember(indicator, id) {
      if (!isCacheable(indicator)) {
        return;
      }
      await redis.set(valueKey(indicator), String(id), 'EX', ttlSeconds);
      await redis.set(idKey(id), JSON.stringify(indicator), 'EX', ttlSeconds);
    },
    async indicatorOf(id) {
      const text = await redis.get(idKey(id));
      return text === null ? null : (JSON.parse(text) as IndicatorInput);
    },
    async forget(id) {
      const indicator = await this.indicatorOf(id);
      await redis.del(idKey(id), ...(indicator ? [valueKey(indicator)] : []));
    },
  };
}
