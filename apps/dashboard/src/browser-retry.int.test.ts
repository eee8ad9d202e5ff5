import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDashboard, type RunningDashboard } from './start-dashboard.js';
import { openTestQueues, type TestQueues } from './test-queues.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const TOKEN = 'tok-browser-7d41c2a9';
const FAILURE = 'cuckoo report unreadable (browser test)';

if (!available) {
  console.warn(
    `browser test skipped: ${CHROMIUM} is absent (apt-get install chromium; .ci/run does it)`,
  );
}

let tq: TestQueues;
let running: RunningDashboard;
let worker: Worker;
let workerRedis: Redis;
let context: BrowserContext;
let profile: string;

// The real browser is the point: it proves the board's own axios client echoes the CSRF cookie,
// that the login cookie works for its API calls and that our headers do not break the page.
describe.skipIf(!available)('dashboard in headless Chromium', () => {
  beforeAll(async () => {
    const url = inject('redisUrl');
    tq = openTestQueues(url, 'dashboard-browser');
    running = await startDashboard({
      queues: tq.queues,
      host: '127.0.0.1',
      port: 0,
      credentials: { token: TOKEN },
    });
    let calls = 0;
    workerRedis = new Redis(url, { maxRetriesPerRequest: null });
    worker = new Worker(
      'parse',
      async () => {
        calls += 1;
        if (calls === 1) {
          throw new Error(FAILURE);
        }
        return { delivered: true };
      },
      { connection: workerRedis, prefix: tq.prefix },
    );
    profile = mkdtempSync(join(tmpdir(), 'cuckoo-tc-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    // Nothing leaves the machine (the board's page links Google Fonts).
    const origin = new URL(running.url).origin;
    await context.route('**/*', route =>
      route.request().url().startsWith(origin) ? route.continue() : route.abort(),
    );
  });

  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    await worker?.close();
    workerRedis?.disconnect();
    await running?.close();
    await tq?.cleanup();
  });

  it('refuses the anonymous browser, then logs in, retries a failed job and sees it complete', async () => {
    const job = await tq.byName('parse').add('parse-report', { test: true }, { attempts: 1 });
    await expect.poll(() => job.getState(), { timeout: 20_000 }).toBe('failed');
    const page = await context.newPage();

    const anonymous = await page.goto(running.url);
    expect(anonymous?.status()).toBe(401);

    await page.goto(`${running.url}login`);
    await page.fill('input[name=token]', TOKEN);
    await Promise.all([page.waitForURL(running.url), page.click('button[type=submit]')]);

    await page.goto(`${running.url}queue/parse?status=failed`);
    const card = page.locator('[class*="card-"]', {
      has: page.locator(`a[href$="/queue/parse/${job.id}?status=failed"]`),
    });
    await expect.poll(() => card.getByText(FAILURE).count(), { timeout: 20_000 }).toBe(1);

    await card.locator('button:has(svg.lucide-refresh-cw)').click();
    await expect
      .poll(() => page.getByText('want to retry this job').count(), { timeout: 10_000 })
      .toBe(1);
    const [response] = await Promise.all([
      page.waitForResponse(res => res.request().method() === 'PUT' && /\/retry$/.test(res.url())),
      page.getByRole('button', { name: 'Confirm' }).click(),
    ]);
    expect(response.request().headers()['x-xsrf-token']).toBeTruthy();
    expect(response.status()).toBe(204);

    await expect.poll(() => job.getState(), { timeout: 20_000 }).toBe('completed');
    const done = await tq.byName('parse').getJob(job.id as string);
    expect(done?.returnvalue).toEqual({ delivered: true });

    await page.goto(`${running.url}queue/parse?status=completed`);
    await expect
      .poll(() => page.locator(`a[href$="/queue/parse/${job.id}?status=completed"]`).count(), {
        timeout: 20_000,
      })
      .toBe(1);
  });
});
