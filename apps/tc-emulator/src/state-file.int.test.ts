// The optional state file: a restarted emulator finds what the previous one stored.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createEmulator } from './index.js';
import { tcRequest } from './test-support/tc-request.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tc-emulator-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it('survives a restart: groups, xids, indicators, associations and id counters', async () => {
  const stateFile = join(dir, 'state.json');
  const first = await createEmulator({ stateFile });
  const group = await tcRequest(first.url, {
    method: 'POST',
    target: '/v3/groups',
    body: { type: 'Incident', name: 'kept', xid: 'kept-1' },
  });
  await tcRequest(first.url, {
    method: 'POST',
    target: '/v3/indicators',
    body: {
      type: 'Address',
      ip: '203.0.113.5',
      associatedGroups: { data: [{ id: group.body.data.id }] },
    },
  });
  const before = first.state();
  await first.close();
  expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({ version: 1 });

  const second = await createEmulator({ stateFile });
  try {
    expect(second.state().groups).toEqual(before.groups);
    expect(second.state().indicators).toEqual(before.indicators);
    const byXid = await tcRequest(second.url, { target: '/v3/groups/kept-1' });
    expect(byXid.body.data.id).toBe(group.body.data.id);
    const duplicate = await tcRequest(second.url, {
      method: 'POST',
      target: '/v3/groups',
      body: { type: 'Incident', name: 'again', xid: 'kept-1' },
    });
    expect(duplicate.status).toBe(400);
    const next = await tcRequest(second.url, {
      method: 'POST',
      target: '/v3/groups',
      body: { type: 'Incident', name: 'new' },
    });
    expect(next.body.data.id).toBeGreaterThan(group.body.data.id as number);
    second.reset();
  } finally {
    await second.close();
  }
  const third = await createEmulator({ stateFile });
  expect(third.state().groups).toEqual([]);
  await third.close();
});

it('saves changes without waiting for close (debounced)', async () => {
  const stateFile = join(dir, 'state.json');
  const emulator = await createEmulator({ stateFile, stateSaveDelayMs: 10 });
  try {
    await tcRequest(emulator.url, {
      method: 'POST',
      target: '/v3/groups',
      body: { type: 'Incident', name: 'n' },
    });
    await expect
      .poll(async () =>
        readFile(stateFile, 'utf8').then(
          t => JSON.parse(t).groups.length,
          () => 0,
        ),
      )
      .toBe(1);
  } finally {
    await emulator.close();
  }
});

it('refuses to start on a state file that is not an emulator state', async () => {
  const stateFile = join(dir, 'state.json');
  await writeFile(stateFile, '{"hello":1}');
  await expect(createEmulator({ stateFile })).rejects.toThrow(/not a version 1 state/);
  await writeFile(stateFile, '{"version":1,');
  await expect(createEmulator({ stateFile })).rejects.toThrow(/state\.json is not JSON/);
});
