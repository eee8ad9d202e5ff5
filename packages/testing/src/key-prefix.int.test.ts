import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { deleteKeysWithPrefix, uniquePrefix } from './key-prefix.js';

describe('test key prefixes', () => {
  it('deletes only the keys under its own prefix', async () => {
    const url = inject('redisUrl');
    const mine = uniquePrefix();
    const other = uniquePrefix();
    const client = new Redis(url);
    try {
      await client.mset(`${mine}:a`, '1', `${mine}:b`, '2', `${other}:a`, '3');
      expect(await deleteKeysWithPrefix(url, mine)).toBe(2);
      expect(await client.exists(`${mine}:a`, `${mine}:b`)).toBe(0);
      expect(await client.get(`${other}:a`)).toBe('3');
    } finally {
      await client.del(`${other}:a`);
      client.disconnect();
    }
  });

  it('never hands out a prefix twice or one BullMQ would refuse', () => {
    const prefixes = new Set(Array.from({ length: 100 }, () => uniquePrefix()));
    expect(prefixes.size).toBe(100);
    for (const prefix of prefixes) {
      expect(prefix).not.toContain(':');
    }
  });
});
