import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDashboard, type Dashboard } from './create-dashboard.js';
import { openTestQueues, type TestQueues } from './test-queues.js';

const USER = 'operator';
const PASSWORD = 'correct horse battery staple';
const TOKEN = 'tok-3f9a1c7e5b2d4f60';

let tq: TestQueues;
let dashboard: Dashboard;

function basic(user = USER, password = PASSWORD): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** `name=value` pairs of the Set-Cookie headers, and the raw headers for attribute checks. */
function cookiesOf(res: request.Response): { pairs: Record<string, string>; raw: string[] } {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const raw = header ?? [];
  const pairs = Object.fromEntries(
    raw.map(line => {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      return [pair.slice(0, index), pair.slice(index + 1)];
    }),
  );
  return { pairs, raw };
}

async function csrfToken(): Promise<string> {
  const res = await request(dashboard.app).get('/api/queues').set('Authorization', basic());
  const token = cookiesOf(res).pairs['XSRF-TOKEN'];
  expect(token).toBeDefined();
  return token as string;
}

beforeAll(() => {
  tq = openTestQueues(inject('redisUrl'), 'dashboard-http');
  dashboard = createDashboard({
    queues: tq.queues,
    credentials: { user: USER, password: PASSWORD, token: TOKEN },
  });
});

afterAll(async () => {
  await dashboard.close();
  await tq.cleanup();
});

describe('authentication', () => {
  it('refuses an anonymous request with 401 and both challenges', async () => {
    const res = await request(dashboard.app).get('/api/queues');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toContain('Basic realm="cuckoo-tc dashboard"');
    expect(res.headers['www-authenticate']).toContain('Bearer realm="cuckoo-tc dashboard"');
    const page = await request(dashboard.app).get('/').set('Accept', 'text/html');
    expect(page.status).toBe(401);
    expect(page.text).toContain('href="/login"');
  });

  it('refuses a wrong password and a wrong user', async () => {
    const wrongPassword = await request(dashboard.app)
      .get('/api/queues')
      .set('Authorization', basic(USER, `${PASSWORD}x`));
    expect(wrongPassword.status).toBe(401);
    const wrongUser = await request(dashboard.app)
      .get('/api/queues')
      .set('Authorization', basic('root', PASSWORD));
    expect(wrongUser.status).toBe(401);
  });

  it('accepts basic credentials and lists every catalog queue', async () => {
    const res = await request(dashboard.app).get('/api/queues').set('Authorization', basic());
    expect(res.status).toBe(200);
    const names = (res.body as { queues: { name: string }[] }).queues.map(queue => queue.name);
    expect(names.sort()).toEqual(['incidents', 'indicators', 'parse']);
  });

  it('accepts the bearer token and refuses a wrong one', async () => {
    const ok = await request(dashboard.app)
      .get('/api/queues')
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    const wrong = await request(dashboard.app)
      .get('/api/queues')
      .set('Authorization', `Bearer ${TOKEN}0`);
    expect(wrong.status).toBe(401);
  });

  it('logs a browser in with the token through the form and a signed session cookie', async () => {
    const form = await request(dashboard.app).get('/login');
    expect(form.status).toBe(200);
    const xsrf = cookiesOf(form).pairs['XSRF-TOKEN'] as string;
    expect(form.text).toContain(`value="${xsrf}"`);

    const wrong = await request(dashboard.app)
      .post('/login')
      .set('Cookie', `XSRF-TOKEN=${xsrf}`)
      .type('form')
      .send({ _csrf: xsrf, token: 'guess' });
    expect(wrong.status).toBe(401);
    expect(cookiesOf(wrong).pairs.cuckoo_tc_session).toBeUndefined();

    const login = await request(dashboard.app)
      .post('/login')
      .set('Cookie', `XSRF-TOKEN=${xsrf}`)
      .type('form')
      .send({ _csrf: xsrf, token: TOKEN });
    expect(login.status).toBe(303);
    const session = cookiesOf(login).raw.find(line => line.startsWith('cuckoo_tc_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    const value = cookiesOf(login).pairs.cuckoo_tc_session as string;

    const api = await request(dashboard.app)
      .get('/api/queues')
      .set('Cookie', `cuckoo_tc_session=${value}`);
    expect(api.status).toBe(200);
    const forged = await request(dashboard.app)
      .get('/api/queues')
      .set('Cookie', `cuckoo_tc_session=${value.slice(0, -2)}xx`);
    expect(forged.status).toBe(401);
  });

  it('refuses a login form posted without the CSRF token', async () => {
    const res = await request(dashboard.app).post('/login').type('form').send({ token: TOKEN });
    expect(res.status).toBe(403);
    expect(cookiesOf(res).pairs.cuckoo_tc_session).toBeUndefined();
  });
});

describe('CSRF on state-changing requests', () => {
  it('refuses a PUT without the x-xsrf-token header and lets it through with it', async () => {
    const without = await request(dashboard.app)
      .put('/api/queues/indicators/pause')
      .set('Authorization', basic());
    expect(without.status).toBe(403);
    expect(await tq.byName('indicators').isPaused()).toBe(false);

    const token = await csrfToken();
    const withIt = await request(dashboard.app)
      .put('/api/queues/indicators/pause')
      .set('Authorization', basic())
      .set('Cookie', `XSRF-TOKEN=${token}`)
      .set('x-xsrf-token', token);
    expect(withIt.status).toBe(200);
    expect(await tq.byName('indicators').isPaused()).toBe(true);
    await tq.byName('indicators').resume();
  });

  it('refuses a header that does not match the cookie, or an unsigned pair', async () => {
    const token = await csrfToken();
    const mismatch = await request(dashboard.app)
      .put('/api/queues/incidents/pause')
      .set('Authorization', basic())
      .set('Cookie', `XSRF-TOKEN=${token}`)
      .set('x-xsrf-token', `${token}x`);
    expect(mismatch.status).toBe(403);
    const unsigned = await request(dashboard.app)
      .put('/api/queues/incidents/pause')
      .set('Authorization', basic())
      .set('Cookie', 'XSRF-TOKEN=attacker-chosen')
      .set('x-xsrf-token', 'attacker-chosen');
    expect(unsigned.status).toBe(403);
    expect(await tq.byName('incidents').isPaused()).toBe(false);
  });

  it('refuses a valid token sent from a foreign origin or a cross-site fetch', async () => {
    const token = await csrfToken();
    const put = () =>
      request(dashboard.app)
        .put('/api/queues/incidents/pause')
        .set('Authorization', basic())
        .set('Cookie', `XSRF-TOKEN=${token}`)
        .set('x-xsrf-token', token);
    expect((await put().set('Origin', 'https://evil.example')).status).toBe(403);
    expect((await put().set('Sec-Fetch-Site', 'cross-site')).status).toBe(403);
    expect(await tq.byName('incidents').isPaused()).toBe(false);
  });

  it('lets an explicit bearer header write without the token (a foreign page cannot set it)', async () => {
    const res = await request(dashboard.app)
      .put('/api/queues/incidents/pause')
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(await tq.byName('incidents').isPaused()).toBe(true);
    await tq.byName('incidents').resume();
  });
});

describe('retry', () => {
  it('retries a failed job from the board endpoint with its attempts reset', async () => {
    const id = await tq.failedJob('parse', 'report unreadable');
    const failed = await tq.byName('parse').getJob(id);
    expect(failed?.attemptsMade).toBe(1);
    const token = await csrfToken();
    const res = await request(dashboard.app)
      .put(`/api/queues/parse/${id}/retry`)
      .set('Authorization', basic())
      .set('Cookie', `XSRF-TOKEN=${token}`)
      .set('x-xsrf-token', token);
    expect(res.status).toBe(204);
    const job = await tq.byName('parse').getJob(id);
    expect(await job?.getState()).toBe('waiting');
    expect(job?.attemptsMade).toBe(0);
    await job?.remove();
  });

  it('retries every failed job of a queue with attempts reset', async () => {
    const ids = [
      await tq.failedJob('indicators', 'boom 1'),
      await tq.failedJob('indicators', 'boom 2'),
    ];
    const res = await request(dashboard.app)
      .put('/api/queues/indicators/retry/failed')
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ retried: 2, skipped: 0 });
    for (const id of ids) {
      const job = await tq.byName('indicators').getJob(id);
      expect(await job?.getState()).toBe('waiting');
      expect(job?.attemptsMade).toBe(0);
    }
  });

  it('answers 404 for an unknown job and 400 for a job that is not finished', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const missing = await request(dashboard.app).put('/api/queues/parse/nope/retry').set(auth);
    expect(missing.status).toBe(404);
    const waiting = await tq.byName('incidents').add('test-job', {});
    const notDone = await request(dashboard.app)
      .put(`/api/queues/incidents/${waiting.id}/retry`)
      .set(auth);
    expect(notDone.status).toBe(400);
    await waiting.remove();
  });
});

describe('operations endpoints and headers', () => {
  it('serves /healthz without credentials and says Redis answers', async () => {
    const res = await request(dashboard.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, checks: { redis: { ok: true } } });
  });

  it('serves /metrics only with credentials, with queue depths', async () => {
    expect((await request(dashboard.app).get('/metrics')).status).toBe(401);
    await tq.byName('parse').add('test-job', {});
    const res = await request(dashboard.app).get('/metrics').set('Authorization', basic());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(
      /cuckoo_tc_queue_jobs\{queue="parse",state="waiting",role="dashboard"\} 1/,
    );
  });

  it('sets the security headers and never caches answers', async () => {
    const res = await request(dashboard.app).get('/api/queues').set('Authorization', basic());
    expect(res.headers).toMatchObject({
      'cache-control': 'private, no-store',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
    });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
