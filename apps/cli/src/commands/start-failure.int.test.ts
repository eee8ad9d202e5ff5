import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createQueue } from '@cuckoo-tc/queues';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// Start-up failures run the built command in its own process: a handle left open (a Redis
// connection, a timer, a server) would keep it alive, and the test would never see it exit.
const bin = fileURLToPath(new URL('../../bin/cuckoo-tc.js', import.meta.url));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function runBin(args: string[], env: Record<string, string>): Promise<Exit> {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

const tc = {
  TC_API_URL: 'http://127.0.0.1:9/api',
  TC_ACCESS_ID: 'a',
  TC_SECRET_KEY: 'b',
  TC_OWNER: 'o',
  CUCKOO_TC_PRODUCER_SOURCES: 'storage',
  CUCKOO_STORAGE_DIR: '/nonexistent-cuckoo-storage',
};

const line = (command: string): string =>
  `cuckoo-tc ${command}: cannot reach Redis at redis://127.0.0.1:9: connect ECONNREFUSED 127.0.0.1:9\n`;

describe('a long-running command whose /metrics port is taken', () => {
  let taken: Server;
  let port = 0;
  const prefix = uniquePrefix('port');
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>(resolve => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });
  afterAll(async () => {
    await new Promise<void>(resolve => taken.close(() => resolve()));
    await deleteKeysWithPrefix(inject('redisUrl'), prefix);
  });

  it.each([['worker'], ['producer'], ['run', '--no-dashboard']])(
    '%s consumes nothing and exits 2 with one line naming metrics.port',
    async (...args: string[]) => {
      const parse = createQueue('parse', { connection: { url: inject('redisUrl') }, prefix });
      await parse.add('parse-report', { instance: 'sb', taskId: 1 } as never, { jobId: 'x-1' });
      const run = await runBin(args, {
        ...tc,
        REDIS_URL: inject('redisUrl'),
        CUCKOO_TC_REDIS_PREFIX: prefix,
        CUCKOO_TC_METRICS_PORT: String(port),
      });
      const state = await parse.getJobState('x-1');
      await parse.close();
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `cuckoo-tc ${args[0]}: metrics port 127.0.0.1:${port} is already in use (another ` +
          'cuckoo-tc process?): set metrics.port (CUCKOO_TC_METRICS_PORT) per process, or ' +
          'metrics.enabled=false\n',
      );
      expect(state).toBe('waiting');
    },
  );
});

describe('a dashboard whose port is taken', () => {
  it.each([['dashboard'], ['run']])(
    '%s exits 2 with one line naming dashboard.port, closing what it had started',
    async (...args: string[]) => {
      const taken = createServer();
      await new Promise<void>(resolve => taken.listen(0, '127.0.0.1', resolve));
      const address = taken.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const prefix = uniquePrefix('dashport');
      try {
        const run = await runBin(args, {
          ...tc,
          REDIS_URL: inject('redisUrl'),
          CUCKOO_TC_REDIS_PREFIX: prefix,
          CUCKOO_TC_METRICS_ENABLED: 'false',
          DASHBOARD_PORT: String(port),
        });
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(
          `cuckoo-tc ${args[0]}: dashboard port 127.0.0.1:${port} is already in use: set ` +
            'dashboard.port (DASHBOARD_PORT) to a free port (cuckoo-tc run: or --no-dashboard)\n',
        );
      } finally {
        await new Promise<void>(resolve => taken.close(() => resolve()));
        await deleteKeysWithPrefix(inject('redisUrl'), prefix);
      }
    },
  );
});

describe('a start-up against an unreachable Redis', () => {
  const down = { ...tc, REDIS_URL: 'redis://127.0.0.1:9', CUCKOO_TC_METRICS_ENABLED: 'false' };

  it.each([['worker'], ['producer'], ['dashboard'], ['enqueue', '--task', '55'], ['run']])(
    '%s exits 1 with one line naming the URL and the cause, without ioredis noise',
    async (...args: string[]) => {
      const run = await runBin(args, { ...down, DASHBOARD_PORT: '0' });
      expect(run.stderr).toBe(line(args[0] ?? ''));
      expect(run.code).toBe(1);
    },
  );
});

describe('a demo that cannot reach its configured Redis', () => {
  it('exits 1 with one line, its emulator closed and its staging folder removed', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'cuckoo-tc-demo-fail-'));
    try {
      const reports = path.join(work, 'reports');
      const tmp = path.join(work, 'tmp');
      await Promise.all([mkdir(reports), mkdir(tmp)]);
      await writeFile(path.join(reports, 'a.json'), '{"info":{"id":1}}');
      const run = await runBin(['demo', '--reports', reports], {
        REDIS_URL: 'redis://127.0.0.1:9',
        TMPDIR: tmp,
      });
      expect(run.stderr).toBe(line('demo'));
      expect(run.code).toBe(1);
      expect(await readdir(tmp)).toEqual([]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

describe('cuckoo-tc run before it starts anything', () => {
  it('refuses a storage source without cuckoo.storageDir (exit 2), starting no Redis', async () => {
    const run = await runBin(['run', '--no-dashboard'], {
      ...tc,
      CUCKOO_STORAGE_DIR: '',
      REDIS_URL: 'redis://127.0.0.1:9',
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^cuckoo-tc run: cuckoo\.storageDir is not set; .*\n$/);
  });
});
