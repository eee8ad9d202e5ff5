import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliForTest } from '../run-cli-for-test.js';

const examples = fileURLToPath(new URL('../../../../examples/storage/analyses', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cuckoo-tc-parse-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const report = {
  info: { id: 3, version: '1.2', started: '2024-05-06 10:11:12' },
  target: { category: 'file', file: { name: 'a.exe', sha256: 'e'.repeat(64) } },
  network: { hosts: ['203.0.113.5', '192.168.56.101'] },
};

describe('cuckoo-tc parse', () => {
  it('prints the §4 JSON: analysis, incident, indicators, dropped with reasons, warnings', async () => {
    const file = path.join(dir, 'report.json');
    await writeFile(file, JSON.stringify(report));
    const run = await runCliForTest(['parse', file, '--json'], {
      CUCKOO_TC_TREAT_AS_PUBLIC: '203.0.113.0/24',
      CUCKOO_INSTANCE: 'lab',
    });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual([
      'analysis',
      'incident',
      'indicators',
      'dropped',
      'warnings',
    ]);
    expect(result).toMatchObject({
      analysis: {
        id: 3,
        flavour: 'cuckoo-1.2',
        started: '2024-05-06T10:11:12Z',
        target: { category: 'file', name: 'a.exe', url: null },
      },
      incident: {
        name: 'Cuckoo Analysis 20240506: a.exe',
        eventDate: '2024-05-06T10:11:12Z',
        xid: 'cuckoo-tc:lab:3',
      },
      indicators: expect.arrayContaining([
        expect.objectContaining({
          type: 'Address',
          value: '203.0.113.5',
          sections: ['network.hosts'],
        }),
      ]),
      dropped: [
        expect.objectContaining({
          type: 'Address',
          value: '192.168.56.101',
          reason: 'sandbox-network',
        }),
      ],
    });
  });

  it('reads an analysis directory of the storage layout and prints a table', async () => {
    const run = await runCliForTest(['parse', path.join(examples, '101')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Cuckoo Analysis \d{8}: /);
  });

  it('fails with one line naming the problem and its byte offset on a bad report', async () => {
    const file = path.join(dir, 'truncated.json');
    await writeFile(file, JSON.stringify(report).slice(0, 60));
    const run = await runCliForTest(['parse', file]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^cuckoo-tc parse: .*byte \d+/);
    const empty = path.join(dir, 'empty.json');
    await writeFile(empty, '');
    expect((await runCliForTest(['parse', empty])).code).toBe(1);
    const missing = await runCliForTest(['parse', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.json');
  });

  it('takes the task id from --task when the report carries none', async () => {
    const file = path.join(dir, 'no-id.json');
    const { info: _info, ...withoutId } = report;
    await writeFile(file, JSON.stringify({ ...withoutId, info: { version: '1.2' } }));
    expect((await runCliForTest(['parse', file])).stderr).toContain('no task id was given');
    const run = await runCliForTest(['parse', file, '--task', '55', '--json'], {
      CUCKOO_INSTANCE: 'lab',
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      analysis: { id: 55 },
      incident: { xid: 'cuckoo-tc:lab:55' },
    });
    expect((await runCliForTest(['parse', file, '--task', 'x'])).code).toBe(2);
  });

  it('needs exactly one REPORT', async () => {
    expect((await runCliForTest(['parse'])).code).toBe(2);
    expect((await runCliForTest(['parse', 'a', 'b'])).code).toBe(2);
  });
});
