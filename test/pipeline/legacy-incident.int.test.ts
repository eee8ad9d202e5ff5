// Migration from the old reporting module: its incidents have no xid, only the Analysis ID
// attribute. With incident.findLegacyIncidents the worker finds such an incident instead of
// creating a second one; off (the default) it saves that call (N + 3 calls per analysis).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DEFAULT_OWNER, DEFAULT_USER, type Emulator } from '@cuckoo-tc/tc-emulator';
import { signRequest } from '@cuckoo-tc/threatconnect';
import { associatedSummaries, deliver, fileJob, startPipeline, type Pipeline } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CUCKOO12 = path.join(here, 'fixtures', 'cuckoo12-example.json');

/** Creates an incident the way the old module did: no xid, Analysis ID attribute. */
async function createLegacyIncident(emulator: Emulator, taskId: number): Promise<number> {
  const url = new URL(`${emulator.url}/v3/groups?owner=${encodeURIComponent(DEFAULT_OWNER)}`);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const authorization = signRequest({
    method: 'POST',
    pathWithQuery: url.pathname + url.search,
    timestamp,
    accessId: DEFAULT_USER.accessId,
    secretKey: DEFAULT_USER.secretKey,
  });
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      Authorization: authorization,
      Timestamp: timestamp,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      type: 'Incident',
      name: `Cuckoo Analysis 20180206: legacy ${taskId}`,
      eventDate: '2018-02-06T16:40:25Z',
      attributes: { data: [{ type: 'Analysis ID', value: String(taskId) }] },
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { data: { id: number } }).data.id;
}

describe('incidents made by the old reporting module', () => {
  const redisUrl = inject('redisUrl');
  let p: Pipeline | undefined;
  afterEach(async () => {
    await p?.stop();
    p = undefined;
  });

  it('are found by Analysis ID and receive the associations; no second incident', async () => {
    p = await startPipeline(redisUrl, { patch: c => (c.incident.findLegacyIncidents = true) });
    await p.startWorkers();
    const legacyId = await createLegacyIncident(p.emulator, 77);
    const outcome = await deliver(p, fileJob(77, CUCKOO12));
    expect(await outcome.associate?.getState()).toBe('completed');
    const groups = p.emulator.state().groups;
    expect(groups).toHaveLength(1);
    expect(groups[0]!.id).toBe(legacyId);
    expect(associatedSummaries(p.emulator, groups[0]!).length).toBe(outcome.record!.indicators);
    expect(outcome.record).toMatchObject({ incidentId: legacyId, incidentCreated: false });
  });

  it('with the legacy lookup off (the default), a delivery takes N + 3 calls', async () => {
    p = await startPipeline(redisUrl);
    const pipeline = p;
    await pipeline.startWorkers();
    const outcome = await deliver(pipeline, fileJob(78, CUCKOO12));
    expect(await outcome.associate?.getState()).toBe('completed');
    expect(pipeline.emulator.state().requests.total).toBe(outcome.record!.indicators + 3);
  });
});
