// A report streamed from the Cuckoo/CAPE REST API whose transfer breaks off is retried, while
// the same broken bytes in a file fail at once: over HTTP, a short body is not a bad report.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deliver, fileJob, incidentsOf, startPipeline, type Pipeline } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('report transfer from the REST API', () => {
  let p: Pipeline;
  let server: Server;
  let baseUrl: string;
  let served = 0;

  beforeAll(async () => {
    const body = await readFile(path.join(here, 'fixtures', 'cuckoo12-example.json'));
    server = createServer((_req, res) => {
      served += 1;
      // The first answer is cut off half way, as a dropped connection would leave it.
      res.writeHead(200).end(served === 1 ? body.subarray(0, body.length >> 1) : body);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    p = await startPipeline(inject('redisUrl'), {
      patch: c => {
        c.threatconnect.retry.baseDelayMs = 100;
      },
    });
    await p.startWorkers();
  });
  afterAll(async () => {
    await p?.stop();
    server?.close();
  });

  it('retries a report whose transfer broke off and then delivers it once', async () => {
    const outcome = await deliver(p, {
      ...fileJob(707, ''),
      report: { kind: 'api', flavour: 'cuckoo', baseUrl, taskId: 707 },
    });
    expect(await outcome.associate?.getState(), outcome.parse.failedReason).toBe('completed');
    expect(outcome.parse.attemptsMade).toBe(2);
    expect(served).toBe(2);
    expect(incidentsOf(p.emulator, 707)).toHaveLength(1);
  });
});
