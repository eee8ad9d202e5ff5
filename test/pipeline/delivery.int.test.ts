// The pipeline end to end: parse -> flow -> incident + indicators -> association, checked on the
// emulator's own state. Our example reports always run; the shared real reports when present.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SHARED_FIXTURES_DIR, sharedFixtureReports } from '@cuckoo-tc/testing';
import { analyseReport, analysisSettingsFromConfig } from '@cuckoo-tc/worker';
import {
  associatedSummaries,
  deliver,
  fileJob,
  incidentsOf,
  startPipeline,
  type Pipeline,
} from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => path.join(here, 'fixtures', name);
const SHARED = SHARED_FIXTURES_DIR;
const sharedReports = sharedFixtureReports();

/** What the dry run says should reach ThreatConnect, as emulator summaries. */
async function expectedSummaries(p: Pipeline, file: string, taskId: number): Promise<string[]> {
  const settings = await analysisSettingsFromConfig(p.config);
  const { result } = await analyseReport(file, settings, { taskId });
  return result.indicators.map(i => (i.type === 'File' ? i.value.toLowerCase() : i.value)).sort();
}

async function expectDelivered(p: Pipeline, file: string, taskId: number): Promise<void> {
  const outcome = await deliver(p, fileJob(taskId, file), 120_000);
  expect(await outcome.parse.getState(), outcome.parse.failedReason).toBe('completed');
  expect(await outcome.associate?.getState(), outcome.associate?.failedReason).toBe('completed');
  const groups = incidentsOf(p.emulator, taskId);
  expect(groups).toHaveLength(1);
  const expected = await expectedSummaries(p, file, taskId);
  const skipped = Object.values(outcome.record?.skipped ?? {}).reduce((a, b) => a + b, 0);
  const associated = associatedSummaries(p.emulator, groups[0]!);
  expect(associated).not.toContain('<missing>');
  expect(associated.length).toBe(expected.length - skipped);
  for (const summary of associated) {
    expect(expected).toContain(summary);
  }
  // The shared reports run under other task ids than their info.id: that, and only that, warns.
  for (const warning of outcome.record?.warnings ?? []) {
    expect(warning).toMatch(/^report info\.id: \d+ differs from the task id \d+/);
  }
  expect(outcome.record).toMatchObject({
    status: outcome.record?.warnings.length ? 'delivered-with-warnings' : 'delivered',
    incidentId: groups[0]!.id,
    indicators: expected.length,
    associated: expected.length - skipped,
  });
}

describe('pipeline delivery', () => {
  const redisUrl = inject('redisUrl');
  let p: Pipeline;

  beforeAll(async () => {
    p = await startPipeline(redisUrl, { patch: c => (c.cuckoo.apiToken = 'cuckoo-api-token') });
    await p.startWorkers();
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('delivers a Cuckoo 1.2 example: one incident with its attributes and every indicator', async () => {
    await expectDelivered(p, fixture('cuckoo12-example.json'), 101);
    const [group] = incidentsOf(p.emulator, 101);
    expect(group).toMatchObject({
      type: 'Incident',
      name: 'Cuckoo Analysis 20180206: invoice.exe',
      eventDate: '2018-02-06T16:40:25Z',
    });
    expect(group!.attributes).toContainEqual({
      type: 'Analysis ID',
      value: '101',
      securityLabels: ['DO NOT SHARE'],
    });
    const summaries = associatedSummaries(p.emulator, group!);
    expect(summaries).toEqual(
      expect.arrayContaining([
        '203.0.113.10',
        'evil.example.com',
        'http://evil.example.com/gate.php?id=1',
      ]),
    );
    expect(summaries.join(' ')).not.toContain('192.168.56.');
  });

  it('delivers a CAPE example', async () => {
    await expectDelivered(p, fixture('cape-example.json'), 202);
  });

  it('makes N + 3 ThreatConnect calls with a cold cache, one fewer per cached indicator when they recur', async () => {
    const cold = await startPipeline(redisUrl);
    try {
      await cold.startWorkers();
      const count = (): number => cold.emulator.state().requests.total;
      const first = await deliver(cold, fileJob(1, fixture('cuckoo12-example.json')));
      const n = first.record!.indicators;
      // xid lookup, create, N upserts, one association PUT.
      expect(count()).toBe(n + 3);
      const before = count();
      const second = await deliver(cold, fileJob(2, fixture('cuckoo12-example.json')));
      expect(second.record!.cached).toBeGreaterThan(0);
      expect(count() - before).toBe(n + 3 - second.record!.cached);
      console.info(`calls per analysis: cold ${n + 3} for N=${n}; warm ${count() - before}`);
    } finally {
      await cold.stop();
    }
  });

  it('records the delivery: counts, drops by reason, attempts and timings', async () => {
    const outcome = await deliver(p, fileJob(101, fixture('cuckoo12-example.json'), 'v2'));
    const record = outcome.record!;
    expect(record.dropped['sandbox-network']).toBeGreaterThan(0);
    // The second delivery of the same analysis found its indicators in the id cache.
    expect(record.cached).toBeGreaterThan(0);
    expect(record.incidentCreated).toBe(false);
    expect(record.attempts).toMatchObject({
      'parse-report': 2,
      'create-incident': 2,
      associate: 2,
    });
    expect(Object.keys(record.timings)).toEqual(
      expect.arrayContaining(['enqueuedAt', 'parsedAt', 'incidentAt', 'deliveredAt']),
    );
    expect(incidentsOf(p.emulator, 101)).toHaveLength(1);
  });

  it('fails a bad report permanently with its reason, creates nothing, and delivers the good one next to it', async () => {
    const text = await readFile(fixture('cuckoo12-example.json'), 'utf8');
    const truncated = path.join(
      await mkdtemp(path.join(tmpdir(), 'pipeline-')),
      'truncated-report.json',
    );
    await writeFile(truncated, text.slice(0, Math.floor(text.length / 2)));
    const before = p.emulator.state().requests.total;
    const [bad, good] = await Promise.all([
      deliver(p, fileJob(303, truncated)),
      deliver(p, fileJob(404, fixture('cape-example.json'))),
    ]);
    expect(await bad.parse.getState()).toBe('failed');
    expect(bad.parse.failedReason).toMatch(/^bad report .*truncated-report\.json: .*truncated/i);
    expect(bad.parse.attemptsMade).toBe(1);
    expect(bad.associate).toBeNull();
    expect(bad.record?.status).toBe('failed');
    expect(incidentsOf(p.emulator, 303)).toHaveLength(0);
    expect(await good.associate?.getState()).toBe('completed');
    expect(incidentsOf(p.emulator, 404)).toHaveLength(1);
    expect(p.emulator.state().requests.total).toBeGreaterThan(before);
  });

  it('streams reports from the Cuckoo and CAPE REST APIs with their token schemes', async () => {
    const seen: string[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(`${req.url ?? ''} ${req.headers.authorization ?? ''}`);
      const file =
        req.url === '/tasks/report/505/json'
          ? 'cuckoo12-example.json'
          : req.url === '/apiv2/tasks/get/report/606/json/'
            ? 'cape-example.json'
            : null;
      if (file === null) {
        res.writeHead(404).end();
        return;
      }
      void readFile(fixture(file)).then(body => res.writeHead(200).end(body));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const [taskId, flavour] of [
        [505, 'cuckoo'],
        [606, 'cape'],
      ] as const) {
        const outcome = await deliver(p, {
          ...fileJob(taskId, ''),
          report: { kind: 'api', flavour, baseUrl, taskId },
        });
        expect(await outcome.associate?.getState(), outcome.parse.failedReason).toBe('completed');
        expect(incidentsOf(p.emulator, taskId)).toHaveLength(1);
      }
      expect(seen).toEqual([
        '/tasks/report/505/json Bearer cuckoo-api-token',
        '/apiv2/tasks/get/report/606/json/ Token cuckoo-api-token',
      ]);
    } finally {
      server.close();
    }
  });

  describe.skipIf(sharedReports.length === 0)(`real reports in ${SHARED}`, () => {
    if (sharedReports.length === 0) {
      console.warn(`${SHARED} is absent: real-report pipeline tests skipped`);
    }
    sharedReports.forEach((name, index) => {
      it(`delivers ${name}`, async () => {
        await expectDelivered(p, path.join(SHARED, name), 9000 + index);
      }, 120_000);
    });
  });
});
