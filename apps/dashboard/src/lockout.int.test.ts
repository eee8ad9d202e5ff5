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
