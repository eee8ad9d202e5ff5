// The parse processor against a local sandbox REST API: refusals a retry cannot change (bad
// token, deleted task) fail for good with what to fix; server errors stay transient.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UnrecoverableError, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '@cuckoo-tc/config';
import { createQueue, type ParseReportPayload } from '@cuckoo-tc/queues';
import { createLogger } from '@cuckoo-tc/telemetry';
import { deleteKeysWithPrefix, uniquePrefix } from '@cuckoo-tc/testing';
import { processParseReport, type ParseReportOptions } from './process-parse-report.js';
import { parseOptionsFromConfig } from './worker-settings.js';

describe('processParseReport with a REST API report', () => {
  const url = inject('redisUrl');
  const prefix = uniquePrefix('parse-api');
  let redis: Redis;
  let queue: ReturnType<typeof createQueue<'parse'>>;
  let server: Server;
  let baseUrl: string;
  let options: ParseReportOptions;

  beforeAll(async () => {
    redis = new Redis(url, { maxRetriesPerRequest: null });
    queue = createQueue('parse', { connection: redis, prefix });
    // The task id is the HTTP status the server answers with.
    server = createServer((req, res) => {
      const status = Number(/\/tasks\/report\/(\d+)\//.exec(req.url ?? '')?.[1] ?? 500);
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":true}');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { config } = await loadConfig({ env: { CUCKOO_INSTANCE: 'lab' } });
    options = { ...(await parseOptionsFromConfig(config)), apiToken: 'secret-token' };
  });
  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await new Promise(resolve => server?.close(resolve));
    await deleteKeysWithPrefix(url, prefix);
  });

  async function parse(status: number): Promise<unknown> {
    const data: ParseReportPayload = {
      instance: 'lab',
      taskId: status,
      version: 'v1',
      report: { kind: 'api', flavour: 'cuckoo', baseUrl, taskId: status },
      trigger: 'cli',
      enqueuedAt: new Date().toISOString(),
    };
    const job = (await queue.add('parse-report', data)) as Job<ParseReportPayload>;
    const deps = {
      redis,
      prefix,
      logger: createLogger({ name: 'test', level: 'silent' }),
      addFlow: async () => undefined,
    };
    return processParseReport(deps, job, options).then(
      () => new Error('parsed'),
      (err: unknown) => err,
    );
  }

  it.each([
    [401, /HTTP 401: check cuckoo.apiToken/],
    [403, /HTTP 403: check cuckoo.apiToken/],
    [404, /HTTP 404: the task or its report no longer exists/],
    [410, /HTTP 410: the sandbox API refused/],
  ])('fails for good on HTTP %i, saying what to fix', async (status, message) => {
    const err = await parse(status);
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('secret-token');
  });

  it.each([408, 429, 500, 503])('keeps HTTP %i transient', async status => {
    const err = await parse(status);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toContain(`HTTP ${status}`);
  });
});
