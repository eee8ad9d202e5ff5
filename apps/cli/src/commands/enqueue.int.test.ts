import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { runCliForTest } from '../run-cli-for-test.js';

describe('cuckoo-tc enqueue', () => {
  let storage: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    storage = await mkdtemp(path.join(tmpdir(), 'cuckoo-storage-'));
    for (const id of [1, 2]) {
      const dir = path.join(storage, 'analyses', String(id), 'reports');
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'report.json'), JSON.stringify({ info: { id } }));
    }
    env = {
      REDIS_URL: inject('redisUrl'),
      CUCKOO_TC_REDIS_PREFIX: uniquePrefix('enqueue-cli'),
      CUCKOO_STORAGE_DIR: storage,
      CUCKOO_INSTANCE: 'box1',
    };
  });

  afterEach(async () => {
    await deleteKeysWithPrefix(inject('redisUrl'), env.CUCKOO_TC_REDIS_PREFIX!);
    await rm(storage, { recursive: true, force: true });
  });

  it('enqueues paths once and says so when re-run', async () => {
    const first = await runCliForTest(['enqueue', path.join(storage, 'analyses', '1')], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^task 1: enqueued \(parse-box1-1-v[0-9a-f]{8}\)$/m);
    const again = await runCliForTest(['enqueue', '--task', '1'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('task 1: already enqueued');
  });

  it('backfills a range, warning about ids without a report', async () => {
    const run = await runCliForTest(['enqueue', '--range', '1-3'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 enqueued, 0 already enqueued, 1 without a report');
    expect(run.stderr).toContain('task 3');
  });

  it('exits 2 on usage errors and 1 when a named analysis has no report', async () => {
    expect((await runCliForTest(['enqueue'], env)).code).toBe(2);
    expect((await runCliForTest(['enqueue', '--range', '5-1'], env)).code).toBe(2);
    expect((await runCliForTest(['enqueue', '--task', 'x'], env)).code).toBe(2);
    const missing = await runCliForTest(['enqueue', '--task', '9'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('task 9');
  });

  it('stops --wait after --timeout with no worker running: unknown and exit code 1', async () => {
    const run = await runCliForTest(['enqueue', '--task', '1', '--wait', '--timeout', '1s'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^task 1: unknown \(job parse-box1-1-v[0-9a-f]{8} waiting: not finished within 1s\)$/m,
    );
  });

  it('refuses a --timeout that is not a duration or comes without --wait', async () => {
    expect(
      (await runCliForTest(['enqueue', '--task', '1', '--wait', '--timeout', '5'], env)).code,
    ).toBe(2);
    expect((await runCliForTest(['enqueue', '--task', '1', '--timeout', '5m'], env)).code).toBe(2);
  });
});
