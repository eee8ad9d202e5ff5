import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import request from 'supertest';
import { createLogger } from '@cuckoo-tc/telemetry';
import { freePort } from '@cuckoo-tc/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDashboard } from './create-dashboard.js';
import { openTestQueues, type TestQueues } from './test-queues.js';

const PASSWORD = 'pw-never-in-logs-93ab';
const TOKEN = 'tok-never-in-logs-7c1d';
let tq: TestQueues;

beforeAll(() => {
  tq = openTestQueues(inject('redisUrl'), 'dashboard-observability');
});

afterAll(async () => {
  await tq.cleanup();
});

describe('logs and health', () => {
  it('logs refusals and logins without ever writing a secret', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ name: 'dashboard', level: 'debug', destination: sink });
    const { app } = createDashboard({
      queues: tq.queues,
      credentials: { user: 'ops', password: PASSWORD, token: TOKEN },
      logger,
    });
    const basic = (password: string) =>
      `Basic ${Buffer.from(`ops:${password}`).toString('base64')}`;
    await request(app)
      .get('/api/queues')
      .set('Authorization', basic(`${PASSWORD}-wrong`));
    await request(app).get('/api/queues').set('Authorization', `Bearer ${TOKEN}-wrong`);
    await request(app).get('/api/queues').set('Authorization', basic(PASSWORD));
    const form = await request(app).get('/login');
    const xsrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    await request(app)
      .post('/login')
      .set('Cookie', `XSRF-TOKEN=${xsrf}`)
      .type('form')
      .send({ _csrf: xsrf, token: TOKEN });
    const log = lines.join('');
    expect(log).toContain('dashboard: request refused');
    expect(log).toContain('"msg":"dashboard: login"');
    for (const secret of [PASSWORD, TOKEN, Buffer.from(`ops:${PASSWORD}`).toString('base64')]) {
      expect(log).not.toContain(secret);
    }
  });

  it('answers /healthz 503 with a generic detail when Redis does not answer', async () => {
    const port = await freePort();
    const dead = new Redis(`redis://127.0.0.1:${port}`, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    dead.on('error', () => undefined);
    const queue = new Queue('parse', { connection: dead, prefix: tq.prefix });
    queue.on('error', () => undefined);
    const { app } = createDashboard({ queues: [queue], credentials: { token: TOKEN } });
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      ok: false,
      checks: { redis: { ok: false, detail: 'redis did not answer' } },
    });
    expect(res.text).not.toContain(String(port));
    await queue.close().catch(() => undefined);
    dead.disconnect();
  });
});
