import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import '@cuckoo-tc/testing';
import { runCliForTest } from '../run-cli-for-test.js';

describe('cuckoo-tc demo (npm run demo)', () => {
  it('delivers every bundled example analysis and leaves no keys behind', async () => {
    const redis = new Redis(inject('redisUrl'));
    try {
      const run = await runCliForTest(['demo', '--timeout', '120'], {
        REDIS_URL: inject('redisUrl'),
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const rows = run.stdout.split('\n').filter(line => /^10\d /.test(line));
      expect(rows).toHaveLength(4);
      for (const row of rows) {
        expect(row).toMatch(/ delivered +#\d+ Cuckoo Analysis \d{8}: /);
      }
      expect(run.stdout).toMatch(/Dashboard: http:\/\/127\.0\.0\.1:\d+\//);
      expect(await redis.keys('cuckoo-tc-demo-*')).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  it('rejects a bad timeout and a folder without reports', async () => {
    expect((await runCliForTest(['demo', '--timeout', 'soon'])).code).toBe(2);
    const empty = await runCliForTest(['demo', '--reports', '/nonexistent-folder']);
    expect(empty.code).toBe(1);
  });
});
