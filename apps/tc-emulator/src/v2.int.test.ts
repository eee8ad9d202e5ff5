// The v2 call pattern of the old reporting module, from outside: incident, attributes, labels,
// indicators per type, file occurrences and associations in both directions.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { createEmulator } from './index.js';
import type { TcRequest } from './test-support/tc-request.js';
import { tcRequest } from './test-support/tc-request.js';

let emulator: Emulator;
const call = (options: TcRequest) => tcRequest(emulator.url, options);
const q = '?createActivityLog=false&owner=Cuckoo+Sandbox';
const post = (path: string, body?: unknown) =>
  call({ method: 'POST', target: `${path}${q}`, body });

beforeAll(async () => {
  emulator = await createEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const createIncident = async () => {
  const res = await post('/v2/groups/incidents', {
    name: 'Cuckoo Analysis 20240506: dropper.exe',
    eventDate: '2024-05-06T10:11:12.123456',
  });
  expect(res.status).toBe(201);
  return res.body.data.incident.id as number;
};

describe('seed call sequence', () => {
  it('creates an incident with attributes and attribute labels', async () => {
    const id = await createIncident();
    const analysis = await post(`/v2/groups/incidents/${id}/attributes`, {
      type: 'Analysis ID',
      value: 1119,
      displayed: 'true',
    });
    expect(analysis.status).toBe(201);
    expect(analysis.body).toMatchObject({
      status: 'Success',
      data: { attribute: { type: 'Analysis ID', value: '1119', displayed: true } },
    });
    await post(`/v2/groups/incidents/${id}/attributes`, {
      type: 'Source',
      value: 'http://c/1119',
      displayed: 'true',
    });
    const list = await call({ target: `/v2/groups/incidents/${id}/attributes${q}` });
    expect(list.body.data.resultCount).toBe(2);
    for (const attribute of list.body.data.attribute as { id: number }[]) {
      const labelled = await post(
        `/v2/groups/incidents/${id}/attributes/${attribute.id}/securityLabels/DO%20NOT%20SHARE`,
      );
      expect(labelled.status).toBe(201);
      expect(labelled.body).toEqual({ status: 'Success' });
    }
    const group = await post(`/v2/groups/incidents/${id}/securityLabels/TLP%3AAMBER`);
    expect(group.body).toEqual({ status: 'Success' });
    const [state] = emulator.state().groups;
    expect(state?.attributes.map(a => a.securityLabels)).toEqual([
      ['DO NOT SHARE'],
      ['DO NOT SHARE'],
    ]);
    expect(state?.securityLabels).toEqual(['TLP:AMBER']);
    expect(state?.eventDate).toBe('2024-05-06T10:11:12Z');
  });

  it('refuses missing name or eventDate, unknown attribute types, empty values and labels', async () => {
    expect((await post('/v2/groups/incidents', { name: 'x' })).status).toBe(400);
    expect((await post('/v2/groups/incidents', { eventDate: '2024-05-06' })).status).toBe(400);
    const id = await createIncident();
    const type = await post(`/v2/groups/incidents/${id}/attributes`, {
      type: 'Analysis Identifier',
      value: '1',
    });
    expect(type.status).toBe(400);
    expect(type.body).toEqual({
      status: 'Failure',
      message: 'The requested attribute type was not found',
    });
    const empty = await post(`/v2/groups/incidents/${id}/attributes`, {
      type: 'Source',
      value: '',
    });
    expect(empty.body.message).toBe('This attribute requires a value');
    const label = await post(`/v2/groups/incidents/${id}/securityLabels/NOT%20A%20LABEL`);
    expect(label.status).toBe(400);
    expect(
      (await post(`/v2/groups/incidents/${id}/attributes/999/securityLabels/TLP%3ARED`)).status,
    ).toBe(404);
    expect(
      (await post('/v2/groups/incidents/424242/attributes', { type: 'Source', value: 'x' })).status,
    ).toBe(404);
  });

  it('creates indicators per type, returns existing ones and associates both ways', async () => {
    const id = await createIncident();
    const url = 'http://example.com/bad.php';
    const created = [
      await post('/v2/indicators/addresses', { ip: '203.0.113.5' }),
      await post('/v2/indicators/hosts', { hostName: 'evil.example.com' }),
      await post('/v2/indicators/urls', { text: url }),
    ];
    expect(created.map(r => r.status)).toEqual([201, 201, 201]);
    expect(created[2]?.body.data.url.text).toBe(url);
    const again = await post('/v2/indicators/hosts', { hostName: 'evil.example.com' });
    expect(again.body.data.host.id).toBe(created[1]?.body.data.host.id);
    const forward = await post(
      `/v2/indicators/urls/${encodeURIComponent(url)}/groups/incidents/${id}`,
    );
    expect(forward.body).toEqual({ status: 'Success' });
    const reverse = await post(`/v2/groups/incidents/${id}/indicators/addresses/203.0.113.5`);
    expect(reverse.body).toEqual({ status: 'Success' });
    const [group] = emulator.state().groups;
    expect(group?.associatedIndicatorIds).toEqual([
      created[2]?.body.data.url.id,
      created[0]?.body.data.address.id,
    ]);
    const missing = await post(`/v2/indicators/hosts/nothing.example.com/groups/incidents/${id}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      status: 'Failure',
      message: 'The requested resource was not found',
    });
    expect((await post('/v2/indicators/hosts/evil.example.com/groups/incidents/1')).status).toBe(
      404,
    );
  });

  it('answers exclusion and validation failures in the v2 envelope', async () => {
    const excluded = await post('/v2/indicators/addresses', { ip: '192.168.56.101' });
    expect(excluded.status).toBe(403);
    expect(excluded.body).toEqual({
      status: 'Failure',
      message: 'This indicator is contained on a system-wide exclusion list.',
    });
    const invalid = await post('/v2/indicators/hosts', { hostName: 'Not Valid' });
    expect(invalid.body).toEqual({ status: 'Failure', message: 'Please enter a valid Host' });
    expect((await post('/v2/indicators/emails', { address: 'a@b.c' })).status).toBe(404);
  });

  it('creates files with occurrences, finds them by any hash case-insensitively, and reports conflicts', async () => {
    const id = await createIncident();
    const md5 = '85f21cb750b8dcdd29c801bdd0412fed';
    const sha256 = 'ef85c6fbbcaed40fe882829926fca0f94f63b291ac6b509d765cf76e73b995c2';
    const file = await post('/v2/indicators/files', { md5, sha256, size: 1024 });
    expect(file.body.data.file).toMatchObject({ md5: md5.toUpperCase(), size: 1024 });
    const occurrence = await post(`/v2/indicators/files/${md5}/fileOccurrences`, {
      fileName: 'dropper.exe',
      date: '2017-07-13T00:00:00-05:00',
    });
    expect(occurrence.status).toBe(201);
    expect(occurrence.body.data.fileOccurrence).toMatchObject({
      fileName: 'dropper.exe',
      date: '2017-07-13T05:00:00Z',
    });
    expect((await post(`/v2/indicators/files/${md5}/fileOccurrences`, {})).status).toBe(400);
    const found = await call({ target: `/v2/indicators/files/${sha256.toUpperCase()}${q}` });
    expect(found.body.data.file.id).toBe(file.body.data.file.id);
    expect((await post(`/v2/indicators/files/${md5}/groups/incidents/${id}`)).status).toBe(201);
    const conflict = await post('/v2/indicators/files', { md5, sha1: 'a'.repeat(40) });
    expect(conflict.status).toBe(400);
    expect(conflict.body.message).toBe(
      'The MD5 for this File is invalid, a File with this MD5 already exists',
    );
  });
});

describe('reads', () => {
  it('reads an incident, shows xid with includeAdditional, lists by name filter with resultCount', async () => {
    const id = await createIncident();
    await post('/v2/groups/incidents', { name: 'Other', eventDate: '2024-05-07T00:00:00Z' });
    const one = await call({ target: `/v2/groups/incidents/${id}` });
    expect(one.body.data.incident).toMatchObject({ id, owner: { name: 'Cuckoo Sandbox' } });
    const filtered = await call({
      target: `/v2/groups/incidents?filters=${encodeURIComponent('name=Other')}&resultStart=0&resultLimit=10`,
    });
    expect(filtered.body.data).toMatchObject({ resultCount: 1, incident: [{ name: 'Other' }] });
    const second = await call({ target: '/v2/groups/incidents?resultStart=1&resultLimit=10' });
    expect(second.body.data.resultCount).toBeUndefined();
    expect(second.body.data.incident).toHaveLength(1);
  });

  it('lists owners, my owner, labels and attribute types', async () => {
    expect((await call({ target: '/v2/owners' })).body.data).toMatchObject({
      resultCount: 1,
      owner: [{ name: 'Cuckoo Sandbox', type: 'Organization' }],
    });
    expect((await call({ target: '/v2/owners/mine' })).body.data.owner.name).toBe('Cuckoo Sandbox');
    const labels = await call({ target: '/v2/securityLabels' });
    expect(labels.body.data.securityLabel.map((l: { name: string }) => l.name)).toContain(
      'TLP:RED',
    );
    const types = await call({ target: '/v2/types/attributeTypes' });
    expect(types.body.data.resultCount).toBe(3);
    expect((await call({ target: '/v2/owners?owner=Nobody' })).status).toBe(200);
    expect((await call({ target: '/v2/securityLabels?owner=Nobody' })).body).toEqual({
      status: 'Failure',
      message: 'The requested owner was not found',
    });
  });
});

describe('reference vectors on v2 paths', () => {
  it('accepts row 3 (URL value in the path) with its exact signature', async () => {
    const id = '12345678901234567890';
    const secret = 'ExampleSecretKey0123456789abcdefExampleSecretKey0123456789abcdef';
    const e = await createEmulator({
      users: [{ accessId: id, secretKey: secret, defaultOwner: 'Example Source' }],
      owners: [{ name: 'Example Source', type: 'Source' }],
      clock: { now: () => 1_700_000_001_000 },
    });
    try {
      const res = await tcRequest(e.url, {
        method: 'POST',
        target:
          '/v2/indicators/urls/http%3A%2F%2Fexample.com%2Fbad.php/groups/incidents/54321?owner=Example%20Source',
        timestamp: 1700000001,
        authorization: `TC ${id}:f6IaulZpRWztb23rg9PxfOEqwXQneR5Yp3l5BsUq8cI=`,
      });
      // Authenticated and routed; neither object exists in a fresh emulator.
      expect(res.status).toBe(404);
      expect(e.state().requests.byRoute).toEqual({
        'POST /v2/indicators/{type}/{value}/groups/incidents/{id}': 1,
      });
    } finally {
      await e.close();
    }
  });

  it('accepts row 1 (v2 incident create under /api) with its exact signature', async () => {
    const id = '12345678901234567890';
    const secret = 'ExampleSecretKey0123456789abcdefExampleSecretKey0123456789abcdef';
    const e = await createEmulator({
      users: [{ accessId: id, secretKey: secret, defaultOwner: 'Example Source' }],
      owners: [{ name: 'Example Source', type: 'Source' }],
      clock: { now: () => 1_700_000_000_000 },
    });
    try {
      const res = await tcRequest(e.url, {
        method: 'POST',
        target: '/v2/groups/incidents?owner=Example%20Source',
        timestamp: 1700000000,
        authorization: `TC ${id}:0epTLA64nrmHQqLhL1m8Jic7BxWwTyvBny0ZmFTbV60=`,
        body: { name: 'Vector incident', eventDate: '2023-11-14T22:13:20Z' },
      });
      expect(res.status).toBe(201);
    } finally {
      await e.close();
    }
  });

  it('accepts row 2 (no /api prefix, + in the query) on an emulator mounted at the root', async () => {
    const id = '12345678901234567890';
    const secret = 'ExampleSecretKey0123456789abcdefExampleSecretKey0123456789abcdef';
    const e = await createEmulator({
      apiPrefix: '',
      users: [{ accessId: id, secretKey: secret, defaultOwner: 'Example Source' }],
      owners: [{ name: 'Example Source', type: 'Source' }],
      clock: { now: () => 1_700_000_000_000 },
    });
    try {
      const res = await tcRequest(e.url, {
        method: 'POST',
        target: '/v2/groups/incidents?createActivityLog=false&owner=Example+Source',
        timestamp: 1700000000,
        authorization: `TC ${id}:LJlxJWacjNp7ss16XnUGAakD5etXM0NHBFh/jhONjjk=`,
        body: { name: 'Seed incident', eventDate: '2023-11-14T22:13:20Z' },
      });
      expect(res.status).toBe(201);
      expect(res.body.data.incident.owner.name).toBe('Example Source');
    } finally {
      await e.close();
    }
  });
});
