import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { loadConfig } from '@cuckoo-tc/config';
import { isReportReadError } from '@cuckoo-tc/cuckoo';
import { describe, expect, it } from 'vitest';
import { analyseReport } from './analyse-report.js';
import { analysisSettingsFromConfig, BenignListFileError } from './analysis-settings.js';

const report = {
  info: { id: 7, version: '2.0.7', started: 1_700_000_000.5 },
  target: {
    category: 'file',
    file: {
      name: 'dropper.exe',
      size: 10,
      md5: 'a'.repeat(32),
      sha1: 'b'.repeat(40),
      sha256: 'c'.repeat(64),
    },
  },
  behavior: { processes: [{ calls: [{ api: 'NtWriteFile' }] }] },
  network: {
    hosts: ['198.51.100.9', '192.168.56.101'],
    dns: [
      { request: 'c2.example.net', type: 'A', answers: [{ type: 'A', data: '198.51.100.9' }] },
      { request: 'time.windows.com', type: 'A', answers: [] },
    ],
  },
};

async function settings(
  env: Record<string, string> = {},
): Promise<Awaited<ReturnType<typeof analysisSettingsFromConfig>>> {
  const { config } = await loadConfig({
    env: { CUCKOO_TC_TREAT_AS_PUBLIC: '198.51.100.0/24', CUCKOO_INSTANCE: 'lab', ...env },
  });
  return analysisSettingsFromConfig(config);
}

describe('analyseReport', () => {
  it('reads a stream, skips behaviour and decides what to send and what to drop', async () => {
    const { result, bytesRead } = await analyseReport(
      Readable.from([Buffer.from(JSON.stringify(report))]),
      await settings(),
    );
    expect(bytesRead).toBe(JSON.stringify(report).length);
    expect(result.incident).toMatchObject({
      name: 'Cuckoo Analysis 20231114: dropper.exe',
      eventDate: '2023-11-14T22:13:20Z',
      xid: 'cuckoo-tc:lab:7',
    });
    expect(result.indicators.map(i => `${i.type} ${i.value}`).sort()).toEqual(
      [
        `File ${'a'.repeat(32)} : ${'b'.repeat(40)} : ${'c'.repeat(64)}`,
        'Address 198.51.100.9',
        'Host c2.example.net',
      ].sort(),
    );
    expect(result.dropped.map(d => `${d.value} ${d.reason}`)).toEqual(
      expect.arrayContaining(['192.168.56.101 sandbox-network']),
    );
  });

  it('lets the task id from outside win and fails permanently on a truncated file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cuckoo-tc-analyse-'));
    const good = path.join(dir, 'report.json');
    await writeFile(good, JSON.stringify(report));
    expect((await analyseReport(good, await settings(), { taskId: 99 })).result.incident.xid).toBe(
      'cuckoo-tc:lab:99',
    );
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify(report).slice(0, 120));
    const error = await analyseReport(bad, await settings()).catch((err: unknown) => err);
    expect(isReportReadError(error)).toBe(true);
    expect((error as Error).message).toMatch(/byte \d+/);
  });

  it('adds the benign-domains file to the filters, and refuses an unreadable one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cuckoo-tc-benign-'));
    const list = path.join(dir, 'benign.txt');
    await writeFile(list, '# our own infrastructure\nexample.net\n');
    const { result } = await analyseReport(
      Readable.from([Buffer.from(JSON.stringify(report))]),
      await settings({ CUCKOO_TC_BENIGN_DOMAINS_FILE: list }),
    );
    expect(result.indicators.some(i => i.value === 'c2.example.net')).toBe(false);
    await expect(
      settings({ CUCKOO_TC_BENIGN_DOMAINS_FILE: path.join(dir, 'missing.txt') }),
    ).rejects.toBeInstanceOf(BenignListFileError);
  });
});
