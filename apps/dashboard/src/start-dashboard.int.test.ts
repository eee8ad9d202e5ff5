import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isCredentialsError, isDashboardPortInUseError, isInsecureBindingError } from './errors.js';
import { startDashboard } from './start-dashboard.js';
import { openTestQueues, type TestQueues } from './test-queues.js';

let tq: TestQueues;

beforeAll(() => {
  tq = openTestQueues(inject('redisUrl'), 'dashboard-start');
});

afterAll(async () => {
  await tq.cleanup();
});

describe('startDashboard', () => {
  it('refuses to listen on a wildcard or public address without credentials', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10']) {
      const error = await startDashboard({ queues: tq.queues, host, port: 0 }).catch(
        (caught: unknown) => caught,
      );
      expect(isInsecureBindingError(error), host).toBe(true);
      expect((error as Error).message).toContain(`refusing to listen on ${host} (dashboard.host)`);
      expect((error as Error).message).toContain('DASHBOARD_PASSWORD');
    }
  });

  it('refuses a user without a password, naming the keys but no value', async () => {
    const error = await startDashboard({
      queues: tq.queues,
      host: '127.0.0.1',
      port: 0,
      credentials: { user: 'operator-name' },
    }).catch((caught: unknown) => caught);
    expect(isCredentialsError(error)).toBe(true);
    expect((error as Error).message).toContain('dashboard.password');
    expect((error as Error).message).not.toContain('operator-name');
  });

  it('refuses a taken port with one line saying which setting to change', async () => {
    const first = await startDashboard({ queues: tq.queues, host: '127.0.0.1', port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      const error = await startDashboard({ queues: tq.queues, host: '127.0.0.1', port }).catch(
        (caught: unknown) => caught,
      );
      expect(isDashboardPortInUseError(error)).toBe(true);
      expect((error as Error).message).toBe(
        `dashboard port 127.0.0.1:${port} is already in use: set dashboard.port (DASHBOARD_PORT) ` +
          'to a free port (cuckoo-tc run: or --no-dashboard)',
      );
    } finally {
      await first.close();
    }
  });

  it('starts on loopback without credentials, with a warning, and serves the board', async () => {
    const running = await startDashboard({ queues: tq.queues, host: '127.0.0.1', port: 0 });
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(running.warning).toContain('no credentials configured');
      const res = await fetch(new URL('api/queues', running.url));
      expect(res.status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('starts on a wildcard address with credentials and refuses anonymous requests', async () => {
    const running = await startDashboard({
      queues: tq.queues,
      host: '0.0.0.0',
      port: 0,
      credentials: { token: 'tok-start-test-1234' },
    });
    try {
      expect(running.warning).toBeUndefined();
      const port = new URL(running.url).port;
      const anonymous = await fetch(`http://127.0.0.1:${port}/api/queues`);
      expect(anonymous.status).toBe(401);
      const withToken = await fetch(`http://127.0.0.1:${port}/api/queues`, {
        headers: { Authorization: 'Bearer tok-start-test-1234' },
      });
      expect(withToken.status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('opens and closes the catalog queues itself when given a connection', async () => {
    const running = await startDashboard({
      connection: tq.redis,
      prefix: tq.prefix,
      host: '127.0.0.1',
      port: 0,
      credentials: { token: 'tok-start-test-5678' },
    });
    try {
      const res = await fetch(new URL('api/queues', running.url), {
        headers: { Authorization: 'Bearer tok-start-test-5678' },
      });
      const body = (await res.json()) as { queues: { name: string }[] };
      expect(body.queues.map(queue => queue.name).sort()).toEqual([
        'incidents',
        'indicators',
        'parse',
      ]);
    } finally {
      await running.close();
    }
  });
});
