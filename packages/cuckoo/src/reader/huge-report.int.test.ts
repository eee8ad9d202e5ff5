// BUG-25: a huge report.json must be read with flat memory. The report (~600 MB of behaviour calls,
// network AFTER the padding) is generated here, streamed to a temp file, and read in a child
// process whose peak RSS is measured on its own.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReport } from './read-report.js';

const BASE = {
  info: {
    id: 1125,
    version: '2.0.7',
    started: '2024-05-06 10:11:12',
    ended: '2024-05-06 10:15:40',
  },
  target: {
    category: 'file',
    file: {
      name: 'sample.exe',
      size: 73728,
      md5: '53bf5a997aa5bb9fe175ac4d88869cbc',
      sha1: '6d8003231b67a7ed19c6edbeb612e8bdd9f924ed',
      sha256: 'e601b69ffbdedd0ffcedc335065792a25c5517e8aaeb93a9e46bee40394650cb',
    },
  },
  network: {
    hosts: ['198.51.100.88'],
    dns: [
      { request: 'big.example.org', type: 'A', answers: [{ type: 'A', data: '198.51.100.88' }] },
    ],
  },
};
/** The padding call of the case: 1,024 bytes of base64 per call. */
const PAD_ITEM = {
  api: 'NtReadFile',
  category: 'file',
  status: 1,
  arguments: { buffer: 'QUFB'.repeat(256) },
};
const PAD_COUNT = 560_000;
const PEAK_RSS_LIMIT = 512 * 1024 * 1024;
const CHILD = fileURLToPath(new URL('./__fixtures__/read-in-child.ts', import.meta.url));

async function writeHugeReport(path: string): Promise<number> {
  const out = createWriteStream(path, { highWaterMark: 4 * 1024 * 1024 });
  let bytes = 0;
  const write = async (text: string): Promise<void> => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) {
      await once(out, 'drain');
    }
  };
  const head = { info: BASE.info, target: BASE.target };
  await write(
    `${JSON.stringify(head).slice(0, -1)}, "behavior": {"processes": [{"pid": 1, "calls": [`,
  );
  const batch = Array.from({ length: 1000 }, () => JSON.stringify(PAD_ITEM)).join(', ');
  for (let written = 0; written < PAD_COUNT; written += 1000) {
    await write(written === 0 ? batch : `, ${batch}`);
  }
  await write(`]}]}, "network": ${JSON.stringify(BASE.network)}}\n`);
  out.end();
  await once(out, 'finish');
  return bytes;
}

async function readInChild(
  path: string,
): Promise<{ sections: Record<string, unknown>; bytesRead: number; maxRssBytes: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) {
    throw new Error(`reader child exited with ${String(code)}: ${stderr}`);
  }
  return JSON.parse(stdout) as {
    sections: Record<string, unknown>;
    bytesRead: number;
    maxRssBytes: number;
  };
}

describe('BUG-25: huge report.json', () => {
  let dir = '';
  let path = '';
  let size = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cuckoo-huge-report-'));
    path = join(dir, 'report.json');
    size = await writeHugeReport(path);
  }, 180_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the network section written after ~600 MB of behaviour with peak RSS < 512 MiB', async () => {
    expect(size).toBeGreaterThan(600_000_000);
    const result = await readInChild(path);
    expect(result.bytesRead).toBe(size);
    expect(result.sections).toEqual({
      info: BASE.info,
      target: BASE.target,
      network: BASE.network,
    });
    expect(result.maxRssBytes).toBeLessThan(PEAK_RSS_LIMIT);
  }, 180_000);

  it('stops with REPORT_TOO_LARGE at the hard cap without reading on', async () => {
    const error: unknown = await readReport(path, { maxReportBytes: 64 * 1024 * 1024 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'REPORT_TOO_LARGE',
      offset: 64 * 1024 * 1024,
      permanent: true,
    });
  });
});
