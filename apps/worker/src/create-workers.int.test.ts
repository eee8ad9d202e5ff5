// The worker process's connections: one per BullMQ connection and no more, across watchdog
// restarts, and none left once closed. Counted with CLIENT LIST by connection name, in a Redis
// database of its own so other suites' workers are not counted.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { loadConfig, type AppConfig } from '@cuckoo-tc/config';
import { createQueue, type ParseReportPayload } from '@cuckoo-tc/queues';
import { createEmulator, DEFAULT_USER, type Emulator } from '@cuckoo-tc/tc-emulator';
import { createLogger } from '@cuckoo-tc/telemetry';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { createWorkers } from './create-workers.js';

describe('createWorkers connections', () => {
  const db = 1 + Math.floor(Math.random() * 15);
  const url = `${inject('redisUrl').replace(/\/\d*$/, '')}/${db}`;
  const prefix = uniquePrefix('worker-conns');
  let emulator: Emulator;
  let redis: Redis;
  let server: Server;
  let reportUrl: string;
  const requests: IncomingMessage[] = [];

  beforeAll(async () => {
    emulator = await createEmulator();
    redis = new Redis(url, { maxRetriesPerRequest: null });
    // A sandbox API that never answers: the job that reaches it stays active.
    server = createServer(req => requests.push(req));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    reportUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise(resolve => server?.close(resolve));
    redis?.disconnect();
    await emulator?.close();
    await deleteKeysWithPrefix(url, prefix);
  });

  async function named(name: string): Promise<number> {
    const list = (await redis.call('CLIENT', 'LIST')) as string;
    return list
      .split('\n')
      .filter(line => line.includes(` name=${name} `) && line.includes(` db=${db} `)).length;
  }

  async function workerConfig(): Promise<AppConfig> {
    const { config } = await loadConfig({
      env: {
        REDIS_URL: url,
        TC_API_URL: emulator.url,
        TC_ACCESS_ID: DEFAULT_USER.accessId,
        TC_SECRET_KEY: DEFAULT_USER.secretKey,
        TC_OWNER: DEFAULT_USER.defaultOwner,
        CUCKOO_INSTANCE: 'lab',
        CUCKOO_TC_WATCHDOG_SECONDS: '1',
        CUCKOO_TC_PARSE_CONCURRENCY: '1',
        CUCKOO_TC_SHUTDOWN_TIMEOUT_SECONDS: '1',
      },
    });
    config.redis.prefix = prefix;
    config.metrics.enabled = false;
    return config;
  }

  function payload(taskId: number): ParseReportPayload {
    return {
      instance: 'lab',
      taskId,
      version: 'v1',
      report: { kind: 'api', flavour: 'cuckoo', baseUrl: reportUrl, taskId },
      trigger: 'cli',
      enqueuedAt: new Date().toISOString(),
    };
  }
  it('keeps one connection per worker across a watchdog restart and closes all', async () => {
    const config = await workerConfig();
    const logger = createLogger({ name: 'test', level: 'silent' });
    const running = await createWorkers({ config, logger, roles: ['parse'], telemetry: false });
    const queue = createQueue('parse', { connection: redis, prefix });
    try {
      const first = running.worker('parse');
      await first?.waitUntilReady();
      await vi.waitFor(async () => expect(await named('cuckoo-tc:worker:parse')).toBe(1));
      // A worker that takes nothing while a job waits is what the watchdog restarts.
      await first?.pause();
      await queue.add('parse-report', payload(1));
      await vi.waitFor(() => expect(requests).toHaveLength(1), { timeout: 20_000 });
      expect(running.worker('parse')).not.toBe(first);
      // The restart closes the old worker within 5 s, then its connection.
      await vi.waitFor(async () => expect(await named('cuckoo-tc:worker:parse')).toBe(1), {
        timeout: 10_000,
      });
    } finally {
      await running.close();
      // The job cut off by close() is back in wait: the next test starts from an empty queue.
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await vi.waitFor(async () => expect(await named('cuckoo-tc:worker:parse')).toBe(0));
    await vi.waitFor(async () => expect(await named('cuckoo-tc:worker:commands')).toBe(0));
  });

  it('closed during a watchdog restart, leaves no worker running', async () => {
    const logger = createLogger({ name: 'test', level: 'silent' });
    let restarting = (): void => undefined;
    const restartStarted = new Promise<void>(resolve => {
      restarting = resolve;
    });
    const warn = logger.warn.bind(logger);
    vi.spyOn(logger, 'warn').mockImplementation(((obj: unknown, msg?: string) => {
      if (msg?.startsWith('watchdog:')) {
        restarting();
      }
      warn(obj as object, msg);
    }) as typeof logger.warn);
    const running = await createWorkers({
      config: await workerConfig(),
      logger,
      roles: ['parse'],
      telemetry: false,
    });
    const queue = createQueue('parse', { connection: redis, prefix });
    try {
      const first = running.worker('parse');
      await first?.waitUntilReady();
      await first?.pause();
      await queue.add('parse-report', payload(2));
      await restartStarted;
    } finally {
      await running.close();
    }
    try {
      // A worker made by the restart after close() would take the waiting job.
      expect(running.worker('parse')?.isRunning()).toBe(false);
      await vi.waitFor(async () => expect(await named('cuckoo-tc:worker:parse')).toBe(0));
      expect(await queue.getJobCounts('wait', 'active')).toEqual({ wait: 1, active: 0 });
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('parks a parse cut off at the shutdown bound without spending an attempt', async () => {
    // Serves the start of a report and then nothing, until told to serve it whole.
    let whole = false;
    const started: IncomingMessage[] = [];
    const slow = createServer((req, res) => {
      if (whole) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"info":{"id":3}}');
        return;
      }
      started.push(req);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"info":{"id":3,');
    });
    await new Promise<void>(resolve => slow.listen(0, '127.0.0.1', resolve));
    const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    const config = await workerConfig();
    config.worker.watchdogSeconds = 300;
    const logger = createLogger({ name: 'test', level: 'silent' });
    const queue = createQueue('parse', { connection: redis, prefix });
    try {
      const job = await queue.add('parse-report', {
        ...payload(3),
        report: { kind: 'api', flavour: 'cuckoo', baseUrl: slowUrl, taskId: 3 },
      });
      const first = await createWorkers({ config, logger, roles: ['parse'], telemetry: false });
      await vi.waitFor(() => expect(started).toHaveLength(1), { timeout: 10_000 });
      await first.close();
      const parked = await queue.getJob(job.id!);
      expect(await parked?.getState()).toBe('waiting');
      expect(parked?.attemptsMade).toBe(0);
      expect(parked?.failedReason).toBeUndefined();

      whole = true;
      const second = await createWorkers({ config, logger, roles: ['parse'], telemetry: false });
      try {
        await vi.waitFor(async () => expect(await queue.getJobState(job.id!)).toBe('completed'), {
          timeout: 10_000,
        });
        expect((await queue.getJob(job.id!))?.attemptsMade).toBe(1);
      } finally {
        await second.close();
      }
    } finally {
      await queue.close();
      slow.closeAllConnections();
      await new Promise(resolve => slow.close(resolve));
    }
  });
});
