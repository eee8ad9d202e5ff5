// The v2 Batch API from outside: job config, octet-stream upload, multipart createAndUpload,
// status polling, gzip error files, haltOnError, xid upsert and the limits.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { createEmulator } from './index.js';
import type { TcRequest } from './test-support/tc-request.js';
import { tcRequest } from './test-support/tc-request.js';

let emulator: Emulator;
const call = (options: TcRequest) => tcRequest(emulator.url, options);
const config = (extra: Record<string, unknown> = {}) => ({
  version: 'V2',
  owner: 'Cuckoo Sandbox',
  haltOnError: 'false',
  action: 'Create',
  attributeWriteType: 'Replace',
  ...extra,
});
const file = {
  group: [
    {
      type: 'Incident',
      name: 'Cuckoo Analysis 20240506: dropper.exe',
      xid: 'cuckoo-1:1119',
      eventDate: '2024-05-06T10:11:12Z',
      attribute: [
        { type: 'Analysis ID', value: '1119', securityLabel: [{ name: 'DO NOT SHARE' }] },
      ],
    },
  ],
  indicator: [
    { type: 'Address', summary: '203.0.113.5', associatedGroups: [{ groupXid: 'cuckoo-1:1119' }] },
    { type: 'Address', summary: '10.0.0.1', associatedGroups: [{ groupXid: 'cuckoo-1:1119' }] },
    { type: 'Host', summary: 'evil.example.com' },
    {
      type: 'File',
      summary:
        '85f21cb750b8dcdd29c801bdd0412fed : ef85c6fbbcaed40fe882829926fca0f94f63b291ac6b509d765cf76e73b995c2',
      fileOccurrence: [{ fileName: 'dropper.exe', date: '2024-05-06' }],
    },
  ],
  association: [
    { ref_1: 'cuckoo-1:1119', type_1: 'Incident', ref_2: 'evil.example.com', type_2: 'Host' },
  ],
};

const createJob = async (extra: Record<string, unknown> = {}) => {
  const res = await call({ method: 'POST', target: '/v2/batch', body: config(extra) });
  expect(res.status).toBe(201);
  return res.body.data.batchId as number;
};
const upload = (id: number, content: unknown) =>
  call({
    method: 'POST',
    target: `/v2/batch/${id}`,
    rawBody: JSON.stringify(content),
    headers: { 'Content-Type': 'application/octet-stream' },
  });
const poll = (id: number) => call({ target: `/v2/batch/${id}?includeAdditional=true` });

beforeAll(async () => {
  emulator = await createEmulator({ batch: { maxUploadBytes: 50_000 } });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe('three-step batch', () => {
  it('queues, runs on polls, completes with counts and a gzip error file', async () => {
    const id = await createJob();
    const queued = await upload(id, file);
    expect(queued.status).toBe(202);
    expect(queued.body.data.batchStatus).toMatchObject({ id, status: 'Queued' });
    expect((await poll(id)).body.data.batchStatus.status).toBe('Running');
    const early = await call({ target: `/v2/batch/${id}/errors` });
    expect(early.status).toBe(400);
    expect(early.body).toEqual({ status: 'Invalid', description: 'Batch still in Running state' });
    const done = await poll(id);
    expect(done.body.data.batchStatus).toEqual({
      id,
      status: 'Completed',
      errorCount: 1,
      successCount: 5,
      unprocessCount: 0,
      successIndicatorCount: 3,
      errorIndicatorCount: 1,
      successGroupCount: 1,
      errorGroupCount: 0,
    });
    const errors = await call({ target: `/v2/batch/${id}/errors` });
    expect(errors.headers['content-type']).toBe('application/octet-stream');
    const entries = JSON.parse(gunzipSync(errors.raw).toString('utf8'));
    expect(entries).toEqual([
      expect.objectContaining({
        errorReason: 'This indicator is contained on a system-wide exclusion list.',
      }),
    ]);
    const [group] = emulator.state().groups;
    expect(group?.attributes).toEqual([
      { type: 'Analysis ID', value: '1119', securityLabels: ['DO NOT SHARE'] },
    ]);
    expect(group?.associatedIndicatorIds).toHaveLength(2);
  });

  it('upserts the group by xid on a second run (attributes replaced, no duplicates)', async () => {
    for (const _run of [1, 2]) {
      const id = await createJob();
      await upload(id, file);
    }
    const state = emulator.state();
    expect(state.groups).toHaveLength(1);
    expect(state.groups[0]?.attributes).toHaveLength(1);
    expect(state.indicators).toHaveLength(3);
  });

  it('stops at the first error with haltOnError and counts the rest as unprocessed', async () => {
    const id = await createJob({ haltOnError: true });
    await upload(id, {
      indicator: [
        { type: 'Host', summary: 'Bad Host' },
        { type: 'Host', summary: 'ok.example.com' },
      ],
    });
    await poll(id);
    const done = await poll(id);
    expect(done.body.data.batchStatus).toMatchObject({
      status: 'Completed',
      errorCount: 1,
      unprocessCount: 1,
    });
    expect(emulator.state().indicators).toEqual([]);
    const errors = JSON.parse(
      gunzipSync((await call({ target: `/v2/batch/${id}/errors` })).raw).toString(),
    );
    expect(errors[0].errorReason).toBe('Please enter a valid Host');
  });

  it('answers 404 for the errors of a clean job and refuses oversize or wrong uploads', async () => {
    const clean = await createJob();
    await upload(clean, { indicator: [{ type: 'Host', summary: 'ok.example.com' }] });
    await poll(clean);
    await poll(clean);
    expect((await call({ target: `/v2/batch/${clean}/errors` })).status).toBe(404);
    const big = await createJob();
    const oversize = await upload(big, {
      indicator: [{ type: 'Host', summary: 'x'.repeat(60_000) }],
    });
    expect(oversize.status).toBe(400);
    expect(oversize.body).toEqual({
      status: 'Invalid',
      description: 'File size greater than allowable limit of 50000',
    });
    const json = await call({ method: 'POST', target: `/v2/batch/${big}`, body: file });
    expect(json.status).toBe(400);
    expect((await upload(clean, file)).status).toBe(400);
    expect((await poll(999)).status).toBe(404);
  });

  it('refuses incomplete configurations and unknown owners', async () => {
    for (const body of [
      config({ haltOnError: undefined }),
      config({ action: 'Delete' }),
      config({ attributeWriteType: 'Merge' }),
    ]) {
      expect((await call({ method: 'POST', target: '/v2/batch', body })).status).toBe(400);
    }
    expect(
      (await call({ method: 'POST', target: '/v2/batch', body: config({ owner: 'Nobody' }) }))
        .status,
    ).toBe(403);
  });
});

describe('createAndUpload', () => {
  const multipart = (parts: Record<string, unknown>) => {
    const boundary = 'XyZbOuNdArY';
    const body = Object.entries(parts)
      .map(([name, value]) =>
        [
          `--${boundary}`,
          `Content-Disposition: form-data; name="${name}"`,
          'Content-Type: application/json',
          '',
          JSON.stringify(value),
        ].join('\r\n'),
      )
      .concat(`--${boundary}--\r\n`)
      .join('\r\n');
    return {
      rawBody: body,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    };
  };

  it('runs a small job synchronously and answers its final status', async () => {
    const res = await call({
      method: 'POST',
      target: '/v2/batch/createAndUpload?includeAdditional=true',
      ...multipart({ config: config(), content: file }),
    });
    expect(res.status).toBe(201);
    expect(res.body.data.batchStatus).toMatchObject({
      status: 'Completed',
      successGroupCount: 1,
      errorCount: 1,
    });
    expect(emulator.state().groups).toHaveLength(1);
  });

  it('refuses a body that is not multipart', async () => {
    const res = await call({ method: 'POST', target: '/v2/batch/createAndUpload', body: config() });
    expect(res.status).toBe(400);
  });
});

it('answers 503 in plain text when batch jobs are disabled', async () => {
  const off = await createEmulator({ batch: { enabled: false } });
  try {
    const res = await tcRequest(off.url, { method: 'POST', target: '/v2/batch', body: config() });
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.text).toMatch(/^Batch job api is not available/);
  } finally {
    await off.close();
  }
});
