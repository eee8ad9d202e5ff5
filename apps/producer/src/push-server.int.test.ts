import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createHarness, type Harness } from './__fixtures__/harness.js';
import { createProducer, type Producer } from './create-producer.js';
import { isProducerError } from './errors.js';
import { PushServer } from './push-server.js';

describe('push endpoint (Cuckoo notification / CAPE callback)', () => {
  let h: Harness;
  let producer: Producer;
  let base: string;

  beforeEach(async () => {
    h = await createHarness(inject('redisUrl'));
    await h.writeReport(7, undefined, 1_600_000_000);
    producer = await createProducer({
      redis: h.redis,
      prefix: h.prefix,
      instance: 'sandbox01',
      storageDir: h.storageDir,
      sources: ['push'],
      push: { host: '127.0.0.1', port: 0, token: 's3cret' },
      logger: h.logger,
    });
    base = producer.pushUrl ?? '';
  });

  afterEach(async () => {
    await producer.close();
    await h.cleanup();
  });

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${base}${path}`, { method: 'POST', body, headers });
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const json = { 'content-type': 'application/json' };

  it("accepts Cuckoo 2's form-encoded notification with a bearer token", async () => {
    const data = encodeURIComponent(JSON.stringify({ id: 7, ended: '2020-01-01 00:00:00' }));
    const response = await post('/notify', `task_id=7&identifier=box1&data=${data}`, {
      ...form,
      authorization: 'Bearer s3cret',
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { status: string; jobId: string };
    expect(body.status).toBe('enqueued');
    expect(body.jobId).toMatch(/^parse-sandbox01-7-v[0-9a-f]{8}$/);
    const job = await producer.tools.parse.getJob(body.jobId);
    expect(job?.data).toMatchObject({ taskId: 7, trigger: 'push', report: { kind: 'file' } });
  });

  it("accepts CAPE's JSON callback with the token in the query, once per report version", async () => {
    const first = await post('/?token=s3cret', JSON.stringify({ task_id: 7 }), json);
    const again = await post('/?token=s3cret', JSON.stringify({ task_id: '7' }), json);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(((await again.json()) as { status: string }).status).toBe('already-enqueued');
    expect(await h.parseJobIds()).toHaveLength(1);
  });

  it('refuses a missing or wrong token with 401 and enqueues nothing', async () => {
    expect((await post('/', 'task_id=7', form)).status).toBe(401);
    expect((await post('/', 'task_id=7', { ...form, 'x-cuckoo-tc-token': 'nope' })).status).toBe(
      401,
    );
    expect(await h.parseJobIds()).toEqual([]);
  });

  it('answers 400 to a body without a task number or a task without a report', async () => {
    const auth = { authorization: 'Bearer s3cret' };
    expect((await post('/', 'identifier=x', { ...form, ...auth })).status).toBe(400);
    expect((await post('/', '{"task_id": "7; rm"}', { ...json, ...auth })).status).toBe(400);
    expect((await post('/', '{not json', { ...json, ...auth })).status).toBe(400);
    const missing = await post('/', 'task_id=99', { ...form, ...auth });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toContain('task 99');
  });

  it('serves /healthz and refuses other methods', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/`)).status).toBe(405);
  });

  it('refuses to listen beyond loopback without a token', () => {
    const make = () =>
      new PushServer({
        host: '0.0.0.0',
        port: 0,
        token: null,
        onTask: async () => ({ taskId: 0, version: 'v', jobId: 'x', status: 'enqueued' }),
        isHealthy: async () => true,
        logger: h.logger,
      });
    let caught: unknown;
    try {
      make();
    } catch (err) {
      caught = err;
    }
    expect(isProducerError(caught)).toBe(true);
  });
});
