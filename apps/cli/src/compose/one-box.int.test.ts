// One /healthz for a one-box process: the producer's sources count as much as the workers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@cuckoo-tc/config';
import { createEmulator, DEFAULT_USER, type Emulator } from '@cuckoo-tc/tc-emulator';
import { createLogger } from '@cuckoo-tc/telemetry';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { startOneBox } from './one-box.js';

describe('startOneBox health', () => {
  const prefix = uniquePrefix('one-box');
  let emulator: Emulator;
  let sandbox: Server;
  let sandboxUrl: string;

  beforeAll(async () => {
    emulator = await createEmulator();
    // A sandbox API failing every request: each poll tick fails.
    sandbox = createServer((_req, res) => res.writeHead(500).end('down'));
    await new Promise<void>(resolve => sandbox.listen(0, '127.0.0.1', resolve));
    sandboxUrl = `http://127.0.0.1:${(sandbox.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise(resolve => sandbox?.close(resolve));
    await emulator?.close();
    await deleteKeysWithPrefix(inject('redisUrl'), prefix);
  });

  it('answers 503 naming the producer source that fails every tick', async () => {
    const { config } = await loadConfig({
      env: {
        REDIS_URL: inject('redisUrl'),
        CUCKOO_TC_REDIS_PREFIX: prefix,
        TC_API_URL: emulator.url,
        TC_ACCESS_ID: DEFAULT_USER.accessId,
        TC_SECRET_KEY: DEFAULT_USER.secretKey,
        TC_OWNER: DEFAULT_USER.defaultOwner,
        CUCKOO_INSTANCE: 'lab',
        CUCKOO_API_URL: sandboxUrl,
        CUCKOO_TC_PRODUCER_SOURCES: 'api',
        CUCKOO_TC_POLL_INTERVAL_SECONDS: '1',
        CUCKOO_TC_METRICS_ENABLED: 'true',
        CUCKOO_TC_METRICS_HOST: '127.0.0.1',
        CUCKOO_TC_METRICS_PORT: '0',
      },
    });
    const box = await startOneBox({
      config,
      logger: createLogger({ name: 'test', level: 'silent' }),
      dashboard: false,
    });
    try {
      const healthz = `${box.workers.telemetryUrl ?? ''}/healthz`;
      const first = (await (await fetch(healthz)).json()) as { checks: Record<string, unknown> };
      expect(first.checks).toMatchObject({ 'producer.redis': { ok: true }, workers: { ok: true } });
      await vi.waitFor(
        async () => {
          const answer = await fetch(healthz);
          expect(answer.status).toBe(503);
          const body = (await answer.json()) as { checks: Record<string, unknown> };
          expect(body.checks).toMatchObject({
            workers: { ok: true },
            'producer.api': { ok: false, detail: expect.stringContaining('500') as unknown },
          });
        },
        { timeout: 15_000, interval: 500 },
      );
    } finally {
      await box.close();
    }
  });
});
