import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDashboard, type Dashboard } from './create-dashboard.js';
import { openTestQueues, type TestQueues } from './test-queues.js';

const TOKEN = 'tok-lockout-51c0';
let tq: TestQueues;
let dashboard: Dashboard;

beforeAll(() => {
  tq = openTestQueues(inject('redisUrl'), 'dashboard-lockout');
  dashboard = createDashboard({
    queues: tq.queues,
    credentials: { token: TOKEN },
    failedLoginLimit: { maxFailures: 3, windowSeconds: 60 },
  });
});

afterAll(async () => {
  await dashboard.close();
  await tq.cleanup();
});

describe('guessing and malformed requests', () => {
  it('locks an address out after repeated wrong tokens, even for the right one', async () => {
    for (let i = 0; i < 3; i += 1) {
      const wrong = await request(dashboard.app)
        .get('/api/queues')
        .set('Authorization', `Bearer guess-${i}`);
      expect(wrong.status).toBe(401);
    }
    const locked = await request(dashboard.app)
      .get('/api/queues')
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const fresh = createDashboard({ queues: tq.queues, credentials: { token: TOKEN } });
    const res = await request(fresh.app)
      .put('/api/queues/parse/concurrency')
      .set('Authorization', `Bearer ${TOKEN}`)
      .set('Content-Type', 'application/json')
      .send('{"concurrency": ');
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/at .*\.js/);
  });
});

describe('behind a reverse proxy', () => {
  it('with trustProxy, marks cookies Secure for TLS and counts failures per forwarded client', async () => {
    const proxied = createDashboard({
      queues: tq.queues,
      credentials: { token: TOKEN },
      trustProxy: true,
      failedLoginLimit: { maxFailures: 1, windowSeconds: 60 },
    });
    const form = await request(proxied.app).get('/login').set('X-Forwarded-Proto', 'https');
    expect(String(form.headers['set-cookie'])).toMatch(/XSRF-TOKEN=[^;]+;.*Secure/);
    const guess = (client: string, token: string) =>
      request(proxied.app)
        .get('/api/queues')
        .set('X-Forwarded-For', client)
        .set('Authorization', `Bearer ${token}`);
    expect((await guess('203.0.113.1', 'wrong')).status).toBe(401);
    expect((await guess('203.0.113.1', TOKEN)).status).toBe(429);
    expect((await guess('203.0.113.2', TOKEN)).status).toBe(200);
  });
});
