// Redis memory figures of a private redis-server: `INFO memory` and, per key family under the
// prefix, how many keys there are and what `MEMORY USAGE` says they take.
import type { Redis } from 'ioredis';

/** `used_memory` from INFO memory, in bytes. */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? 0);
}

/** Keys and bytes of one key family. */
export interface KeyFamily {
  family: string;
  keys: number;
  bytes: number;
}

/** `parse`, `incidents`, `delivery`, `indicator-cache`...: the segment after the prefix. */
function familyOf(key: string, prefix: string): string {
  if (!key.startsWith(`${prefix}:`)) {
    return '(outside the prefix)';
  }
  const rest = key.slice(prefix.length + 1);
  const [first = '', second = ''] = rest.split(':');
  const queueKey = /^[a-z-]+$/.test(second) && !/^\d+$/.test(second) ? second : 'job';
  return ['parse', 'indicators', 'incidents'].includes(first) ? `${first}:${queueKey}` : first;
}

/** Every key grouped by family, with its MEMORY USAGE summed (SCAN, then pipelines of 1000). */
export async function keyFamilies(redis: Redis, prefix: string): Promise<KeyFamily[]> {
  const families = new Map<string, KeyFamily>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of keys) {
      pipeline.memory('USAGE', key);
    }
    const sizes = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const family = familyOf(key, prefix);
      const entry = families.get(family) ?? { family, keys: 0, bytes: 0 };
      entry.keys++;
      entry.bytes += Number(sizes[i]?.[1] ?? 0);
      families.set(family, entry);
    });
  } while (cursor !== '0');
  return [...families.values()].sort((a, b) => b.bytes - a.bytes);
}
