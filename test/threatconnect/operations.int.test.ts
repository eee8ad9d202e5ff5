import type { Emulator } from '@cuckoo-tc/tc-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, startEmulator, tcClient } from './support.js';

// Every operation of the client against the strict emulator.
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
afterEach(() => emulator.reset());

const incident = {
  name: 'Cuckoo Analysis 20240506: dropper.exe',
  eventDate: new Date('2024-05-06T10:11:12Z'),
  xid: 'cuckoo-tc:sandbox-1:1119',
  attributes: [
    { type: 'Analysis ID', value: '1119', securityLabels: ['DO NOT SHARE'] },
    { type: 'Source', value: 'http://cuckoo.local/analysis/1119/', securityLabels: ['TLP:AMBER'] },
  ],
  tags: ['cuckoo'],
};

describe('ThreatConnect client against the emulator: operations', () => {
  it('creates an incident with attributes and labels inline, and finds it by xid and by analysis id', async () => {
    const tc = tcClient(emulator.url);
    const created = await tc.createIncident(incident);
    expect(created).toMatchObject({ type: 'Incident', name: incident.name, xid: incident.xid });
    expect(await tc.getGroupByXid(incident.xid)).toMatchObject({ id: created.id });
    expect(await tc.getGroupByXid('cuckoo-tc:sandbox-1:does-not-exist')).toBeNull();
    expect(await tc.findIncidentByAnalysisId(1119)).toMatchObject({ id: created.id });
    expect(await tc.findIncidentByAnalysisId('1120')).toBeNull();
    tc.close();
    const [group, ...others] = emulator.state().groups;
    expect(others).toHaveLength(0);
    expect(group).toMatchObject({
      ownerName: OWNER,
      xid: incident.xid,
      eventDate: '2024-05-06T10:11:12Z',
    });
    expect(group?.attributes).toEqual([
      { type: 'Analysis ID', value: '1119', securityLabels: ['DO NOT SHARE'] },
      {
        type: 'Source',
        value: 'http://cuckoo.local/analysis/1119/',
        securityLabels: ['TLP:AMBER'],
      },
    ]);
  });

  it('a second create with the same xid returns the first incident, never a second one', async () => {
    const tc = tcClient(emulator.url);
    const first = await tc.createIncident(incident);
    const again = await tc.createIncident(incident);
    tc.close();
    expect(again.id).toBe(first.id);
    expect(emulator.state().groups).toHaveLength(1);
  });

  it('upserts Address, Host, URL and File (size, occurrences); a repeat returns the same ids', async () => {
    const tc = tcClient(emulator.url);
    const inputs = [
      { type: 'Address', ip: '203.0.113.7' },
      { type: 'Host', hostName: 'evil.example.com' },
      { type: 'URL', text: 'http://evil.example.com/gate.php?id=1' },
      {
        type: 'File',
        md5: '85f21cb750b8dcdd29c801bdd0412fed',
        sha1: '30fd616b95fbcc3a198d6b7dc6bb1a5a47826b5c',
        sha256: 'ef85c6fbbcaed40fe882829926fca0f94f63b291ac6b509d765cf76e73b995c2',
        size: 1024,
        fileOccurrences: [{ fileName: 'dropper.exe', date: '2024-05-06' }],
      },
    ] as const;
    const first = [];
    for (const input of inputs) {
      first.push(await tc.upsertIndicator(input));
    }
    const second = [];
    for (const input of inputs) {
      second.push(await tc.upsertIndicator(input));
    }
    tc.close();
    expect(new Set(first.map(i => i.id)).size).toBe(4);
    expect(second.map(i => i.id)).toEqual(first.map(i => i.id));
    const state = emulator.state().indicators;
    expect(state.map(i => i.type).sort()).toEqual(['Address', 'File', 'Host', 'URL']);
    const file = state.find(i => i.type === 'File');
    expect(file?.fileOccurrences[0]).toMatchObject({ fileName: 'dropper.exe' });
  });

  it('gets an indicator by id and by summary, null when absent', async () => {
    const tc = tcClient(emulator.url);
    const host = await tc.upsertIndicator({ type: 'Host', hostName: 'c2.example.net' });
    expect(await tc.getIndicator(host.id)).toMatchObject({ id: host.id, type: 'Host' });
    expect(await tc.getIndicator('c2.example.net')).toMatchObject({ id: host.id });
    expect(await tc.getIndicator('absent.example.net')).toBeNull();
    tc.close();
  });

  it('associates indicators in chunks (one PUT each) and a re-run adds nothing twice', async () => {
    const tc = tcClient(emulator.url);
    const group = await tc.createIncident(incident);
    const ids: number[] = [];
    for (let i = 1; i <= 5; i++) {
      ids.push((await tc.upsertIndicator({ type: 'Address', ip: `198.51.100.${i}` })).id);
    }
    const before = emulator.state().requests.byRoute['PUT /v3/groups/{id}'] ?? 0;
    expect(await tc.associateIndicators(group.id, ids, 2)).toEqual({ calls: 3 });
    expect(emulator.state().requests.byRoute['PUT /v3/groups/{id}']).toBe(before + 3);
    await tc.associateIndicators(group.id, ids, 2);
    tc.close();
    const state = emulator.state();
    expect([...(state.groups[0]?.associatedIndicatorIds ?? [])].sort((a, b) => a - b)).toEqual(ids);
    expect(state.indicators.every(i => i.associatedGroupIds.length === 1)).toBe(true);
  });

  it('associates in the create call when the indicator names its group', async () => {
    const tc = tcClient(emulator.url);
    const group = await tc.createIncident(incident);
    await tc.upsertIndicator({
      type: 'Host',
      hostName: 'c2.example.org',
      associatedGroupIds: [group.id],
    });
    tc.close();
    expect(emulator.state().indicators[0]?.associatedGroupIds).toEqual([group.id]);
  });

  it('lists attribute types, security labels and owners for the preflight', async () => {
    const tc = tcClient(emulator.url);
    const types = (await tc.listAttributeTypes()).map(t => t.name);
    const labels = (await tc.listSecurityLabels()).map(l => l.name);
    const owners = (await tc.listOwners()).map(o => o.name);
    tc.close();
    expect(types).toEqual(expect.arrayContaining(['Analysis ID', 'Source', 'Description']));
    expect(labels).toEqual(expect.arrayContaining(['TLP:AMBER', 'TLP:RED', 'DO NOT SHARE']));
    expect(owners).toContain(OWNER);
  });

  it('works with token auth too', async () => {
    const tc = tcClient(emulator.url, { auth: { token: 'emulator-api-token' } });
    expect((await tc.upsertIndicator({ type: 'Address', ip: '203.0.113.9' })).id).toBeGreaterThan(
      0,
    );
    tc.close();
  });
});
