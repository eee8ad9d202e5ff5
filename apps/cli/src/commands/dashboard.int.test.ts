import { PassThrough } from 'node:stream';
import { describe, expect, inject, it } from 'vitest';
import { runCliForTest } from '../run-cli-for-test.js';
import { dashboardCommand } from './dashboard.js';

function capture(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString();
}

describe('cuckoo-tc dashboard', () => {
  it('refuses a non-loopback address without credentials: one line, exit 2, no Redis needed', async () => {
    const run = await runCliForTest(['dashboard', '--host', '0.0.0.0'], {
      REDIS_URL: 'redis://127.0.0.1:1',
      DASHBOARD_TOKEN: undefined,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^cuckoo-tc dashboard: refusing to listen on 0\.0\.0\.0 \(dashboard\.host\) without credentials/,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a user without a password with exit 2, never printing the user', async () => {
    const run = await runCliForTest(['dashboard'], { DASHBOARD_USER: 'ops-person' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dashboard.password');
    expect(run.stderr).not.toContain('ops-person');
  });

  it('rejects a bad --port as a usage error', async () => {
    const run = await runCliForTest(['dashboard', '--port', 'eighty']);
    expect(run.code).toBe(2);
  });

  it('serves the board with the token until stopped, printing its URL', async () => {
    const stdout = new PassThrough();
    const output = capture(stdout);
    let stop: (signal: string) => void = () => undefined;
    const running = dashboardCommand.run({
      argv: ['--host', '127.0.0.1', '--port', '0'],
      env: {
        REDIS_URL: inject('redisUrl'),
        DASHBOARD_TOKEN: 'tok-cli-test-0f3e9a',
        LOG_LEVEL: 'silent',
      },
      stdout,
      stderr: new PassThrough(),
      stopSignal: new Promise<string>(resolve => (stop = resolve)),
    });
    try {
      for (let i = 0; i < 100 && !output().includes('listening at'); i += 1) {
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      const url = /listening at (\S+)/.exec(output())?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect((await fetch(new URL('api/queues', url))).status).toBe(401);
      const withToken = await fetch(new URL('api/queues', url), {
        headers: { Authorization: 'Bearer tok-cli-test-0f3e9a' },
      });
      expect(withToken.status).toBe(200);
      const body = (await withToken.json()) as { queues: { name: string }[] };
      expect(body.queues.map(queue => queue.name).sort()).toEqual([
        'incidents',
        'indicators',
        'parse',
      ]);
      expect((await fetch(new URL('healthz', url))).status).toBe(200);
    } finally {
      stop('SIGTERM');
    }
    expect(await running).toBe(0);
  });
});
