// /v3/groups from outside: create with inline attributes and labels, xid uniqueness, lookups by
// id and xid, TQL, pagination, updates with associatedIndicators modes, and the 400s.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { createEmulator } from './index.js';
import type { TcRequest } from './test-support/tc-request.js';
import { tcRequest } from './test-support/tc-request.js';

let emulator: Emulator;
const call = (options: TcRequest) => tcRequest(emulator.url, options);
const post = (target: string, body: unknown) => call({ method: 'POST', target, body });
const put = (target: string, body: unknown) => call({ method: 'PUT', target, body });

const incident = (extra: Record<string, unknown> = {}) => ({
  type: 'Incident',
  name: 'Cuckoo Analysis 20240506: dropper.exe',
  eventDate: '2024-05-06T10:11:12Z',
  xid: 'cuckoo-1:1119',
  attributes: {
    data: [
      { type: 'Analysis ID', value: '1119', securityLabels: { data: [{ name: 'DO NOT SHARE' }] } },
      { type: 'Source', value: 'http://cuckoo.local/analysis/1119/summary', default: true },
    ],
  },
  securityLabels: { data: [{ name: 'TLP:AMBER' }] },
  ...extra,
});

beforeAll(async () => {
  emulator = await createEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe('POST /v3/groups', () => {
  it('creates an incident with attributes and labels inline', async () => {
    const res = await post('/v3/groups?fields=attributes&fields=securityLabels', incident());
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toMatchObject({ message: 'Created', status: 'Success' });
    expect(res.body.data).toMatchObject({
      type: 'Incident',
      name: 'Cuckoo Analysis 20240506: dropper.exe',
      xid: 'cuckoo-1:1119',
      ownerName: 'Cuckoo Sandbox',
      eventDate: '2024-05-06T10:11:12Z',
      securityLabels: { data: [{ name: 'TLP:AMBER' }] },
    });
    expect(res.body.data.attributes.data).toHaveLength(2);
    const [group] = emulator.state().groups;
    expect(group?.attributes).toEqual([
      { type: 'Analysis ID', value: '1119', securityLabels: ['DO NOT SHARE'] },
      { type: 'Source', value: 'http://cuckoo.local/analysis/1119/summary', securityLabels: [] },
    ]);
  });

  it('leaves nested collections out unless fields asks for them', async () => {
    const res = await post('/v3/groups', incident());
    expect(res.body.data.attributes).toBeUndefined();
    expect(res.body.data.id).toEqual(expect.any(Number));
  });

  it('normalises eventDate to UTC', async () => {
    const res = await post(
      '/v3/groups',
      incident({ xid: undefined, eventDate: '2024-05-06T12:11:12+02:00' }),
    );
    expect(res.body.data.eventDate).toBe('2024-05-06T10:11:12Z');
    const dateOnly = await post(
      '/v3/groups',
      incident({ xid: undefined, eventDate: '2021-11-03' }),
    );
    expect(dateOnly.body.data.eventDate).toBe('2021-11-03T00:00:00Z');
  });

  it('refuses a second group with the same xid, in any owner', async () => {
    expect((await post('/v3/groups', incident())).status).toBe(201);
    const again = await post('/v3/groups', incident({ name: 'other' }));
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ errCode: '0x1001', status: 'Error' });
    expect(again.body.message).toMatch(/xid/);
    expect(emulator.state().groups).toHaveLength(1);
  });

  it('refuses an unknown attribute type and creates nothing (BUG-18)', async () => {
    const res = await post(
      '/v3/groups',
      incident({ attributes: { data: [{ type: 'Analysis Identifier', value: '1118' }] } }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errCode: '0x1001',
      message: 'The requested attribute type was not found',
      status: 'Error',
    });
    expect(emulator.state().groups).toEqual([]);
  });

  it('refuses an unknown security label, on the group or on an attribute, and creates nothing', async () => {
    const onGroup = await post(
      '/v3/groups',
      incident({ securityLabels: { data: [{ name: 'TLP:PURPLE' }] } }),
    );
    const onAttribute = await post(
      '/v3/groups',
      incident({
        attributes: {
          data: [{ type: 'Analysis ID', value: '1', securityLabels: { data: [{ name: 'NOPE' }] } }],
        },
      }),
    );
    for (const res of [onGroup, onAttribute]) {
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('The requested security label was not found');
    }
    expect(emulator.state().groups).toEqual([]);
  });

  it.each([
    [{ type: 'Incident' }, /name/],
    [{ type: 'Incident', name: 'x'.repeat(101) }, /between 1-100 characters/],
    [{ type: 'Incident', name: 'x', status: 'Solved' }, /one of the following values/],
    [{ type: 'Incident', name: 'x', eventDate: '2024-13-40' }, /eventDate/],
    [{ type: 'Incidents', name: 'x' }, /Group type/],
    [
      { type: 'Incident', name: 'x', attributes: { data: [{ type: 'Source', value: '' }] } },
      /requires a value/,
    ],
    [{ type: 'Incident', name: 'x', attributes: [{ type: 'Source', value: 'a' }] }, /data array/],
    [
      {
        type: 'Incident',
        name: 'x',
        attributes: { data: [{ type: 'Analysis ID', value: '9'.repeat(101) }] },
      },
      /at most 100/,
    ],
  ])('refuses %j with 400', async (body, message) => {
    const res = await post('/v3/groups', body);
    expect(res.status).toBe(400);
    expect(res.body.status).toBe('Error');
    expect(res.body.message).toMatch(message);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await call({ method: 'POST', target: '/v3/groups', rawBody: '{"type":' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('The request was not properly formed');
  });

  it('accepts a value given as a number and a charset in the content type', async () => {
    const res = await call({
      method: 'POST',
      target: '/v3/groups?fields=attributes',
      body: {
        type: 'Incident',
        name: 'n',
        attributes: { data: [{ type: 'Analysis ID', value: 42 }] },
      },
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.attributes.data[0].value).toBe('42');
  });
});

describe('GET /v3/groups/{id|xid}', () => {
  it('finds a group by id and by xid in its owner, 404 otherwise', async () => {
    const created = await post('/v3/groups', incident());
    const id = created.body.data.id as number;
    const byId = await call({ target: `/v3/groups/${id}?fields=attributes` });
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ status: 'Success', data: { id, xid: 'cuckoo-1:1119' } });
    expect(byId.body.message).toBeUndefined();
    const byXid = await call({
      target: `/v3/groups/${encodeURIComponent('cuckoo-1:1119')}?owner=Cuckoo%20Sandbox`,
    });
    expect(byXid.body.data.id).toBe(id);
    const missing = await call({ target: '/v3/groups/cuckoo-1%3A9999' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 'Error', errCode: '0x1001' });
    expect((await call({ target: '/v3/groups/999999' })).status).toBe(404);
  });

  it('refuses an unknown ?owner= on an xid lookup with 403', async () => {
    await post('/v3/groups', incident());
    const res = await call({ target: '/v3/groups/cuckoo-1%3A1119?owner=Elsewhere' });
    expect(res.status).toBe(403);
  });
});

describe('GET /v3/groups?tql=', () => {
  beforeEach(async () => {
    for (const n of [1, 2, 3, 4, 5]) {
      await post(
        '/v3/groups',
        incident({
          name: `Analysis ${n}`,
          xid: `x-${n}`,
          attributes: { data: [{ type: 'Analysis ID', value: String(n) }] },
        }),
      );
    }
    await post('/v3/groups', { type: 'Campaign', name: 'Analysis 3' });
  });

  const tql = async (query: string, extra = '') => {
    const res = await call({ target: `/v3/groups?tql=${encodeURIComponent(query)}${extra}` });
    expect(res.status).toBe(200);
    return res;
  };
  const names = (res: { body: { data: { name: string }[] } }) => res.body.data.map(g => g.name);

  it('filters by typeName, summary, xid, id and ownerName', async () => {
    expect(names(await tql('typeName EQ "Incident" AND summary EQ "Analysis 3"'))).toEqual([
      'Analysis 3',
    ]);
    expect(names(await tql('summary = "Analysis 3"'))).toHaveLength(2);
    expect(names(await tql('xid EQ "x-4"'))).toEqual(['Analysis 4']);
    expect(names(await tql('typeName IN ("Campaign", "Adversary")'))).toEqual(['Analysis 3']);
    expect(names(await tql('ownerName EQ "Cuckoo Sandbox" and typeName = "Campaign"'))).toEqual([
      'Analysis 3',
    ]);
    const first = (await tql('xid EQ "x-1"')).body.data[0].id as number;
    expect(names(await tql(`id = ${first}`))).toEqual(['Analysis 1']);
  });

  it('filters by hasAttribute(typeName .. AND text ..)', async () => {
    const res = await tql(
      'typeName EQ "Incident" AND hasAttribute(typeName EQ "Analysis ID" AND text EQ "2")',
    );
    expect(names(res)).toEqual(['Analysis 2']);
    expect(names(await tql('hasAttribute(typeName EQ "Source" AND text EQ "2")'))).toEqual([]);
  });

  it('pages with resultStart/resultLimit, next/prev links and count', async () => {
    const page = await tql('typeName = "Incident"', '&resultStart=0&resultLimit=2&count=true');
    expect(page.body.count).toBe(5);
    expect(names(page)).toEqual(['Analysis 1', 'Analysis 2']);
    expect(page.body.prev).toBeUndefined();
    const next = new URL(page.body.next as string);
    expect(next.searchParams.get('resultStart')).toBe('2');
    const second = await call({ target: `/v3/groups${next.search}` });
    expect(names(second)).toEqual(['Analysis 3', 'Analysis 4']);
    expect(second.body.count).toBeUndefined();
    expect(second.body.prev).toEqual(expect.stringContaining('resultStart=0'));
    const last = await call({ target: `/v3/groups${new URL(second.body.next as string).search}` });
    expect(names(last)).toEqual(['Analysis 5']);
    expect(last.body.next).toBeUndefined();
  });

  it('refuses bad TQL, unknown fields and bad paging with 400', async () => {
    for (const target of [
      `/v3/groups?tql=${encodeURIComponent('typeName EQ "Incident" AND')}`,
      `/v3/groups?tql=${encodeURIComponent('colour EQ "red"')}`,
      `/v3/groups?tql=${encodeURIComponent('hasTag(name EQ "x")')}`,
      '/v3/groups?resultLimit=abc',
      '/v3/groups?resultLimit=10001',
    ]) {
      const res = await call({ target });
      expect(res.status, target).toBe(400);
    }
  });

  it('reads parameters from a GET body {"data": {...}} (long queries)', async () => {
    const res = await call({ target: '/v3/groups', body: { data: { tql: 'xid EQ "x-5"' } } });
    expect(names(res)).toEqual(['Analysis 5']);
  });
});

describe('PUT /v3/groups/{id}', () => {
  const indicator = async (ip: string) =>
    (await post('/v3/indicators', { type: 'Address', ip })).body.data.id as number;

  it('appends, replaces and deletes associatedIndicators', async () => {
    const id = (await post('/v3/groups', incident())).body.data.id as number;
    const [a, b, c] = [
      await indicator('203.0.113.1'),
      await indicator('203.0.113.2'),
      await indicator('203.0.113.3'),
    ];
    const append = await put(`/v3/groups/${id}?fields=associatedIndicators`, {
      associatedIndicators: { data: [{ id: a }, { id: b }] },
    });
    expect(append.status).toBe(200);
    expect(append.body.message).toBe('Updated');
    expect(append.body.data.associatedIndicators.data.map((i: { id: number }) => i.id)).toEqual([
      a,
      b,
    ]);
    await put(`/v3/groups/${id}`, {
      associatedIndicators: { data: [{ id: a }, { id: c }], mode: 'append' },
    });
    expect(emulator.state().groups[0]?.associatedIndicatorIds).toEqual([a, b, c]);
    await put(`/v3/groups/${id}`, { associatedIndicators: { data: [{ id: c }], mode: 'replace' } });
    expect(emulator.state().groups[0]?.associatedIndicatorIds).toEqual([c]);
    await put(`/v3/groups/${id}`, { associatedIndicators: { data: [{ id: c }], mode: 'delete' } });
    expect(emulator.state().groups[0]?.associatedIndicatorIds).toEqual([]);
    const byIndicator = emulator.state().indicators.map(i => i.associatedGroupIds);
    expect(byIndicator).toEqual([[], [], []]);
  });

  it('creates nested indicators by value and refuses unknown ids and bad modes', async () => {
    const id = (await post('/v3/groups', incident())).body.data.id as number;
    const nested = await put(`/v3/groups/${id}`, {
      associatedIndicators: { data: [{ type: 'Host', hostName: 'evil.example.com' }] },
    });
    expect(nested.status).toBe(200);
    expect(emulator.state().indicators.map(i => i.summary)).toEqual(['evil.example.com']);
    const twice = await put(`/v3/groups/${id}`, {
      associatedIndicators: {
        data: [
          { type: 'Address', ip: '203.0.113.9' },
          { type: 'Address', ip: '203.0.113.9' },
        ],
      },
    });
    expect(twice.status).toBe(200);
    expect(emulator.state().indicators.map(i => i.summary)).toEqual([
      'evil.example.com',
      '203.0.113.9',
    ]);
    const unknown = await put(`/v3/groups/${id}`, {
      associatedIndicators: { data: [{ id: 123 }] },
    });
    expect(unknown.status).toBe(404);
    const badMode = await put(`/v3/groups/${id}`, {
      associatedIndicators: { data: [], mode: 'merge' },
    });
    expect(badMode.status).toBe(400);
    const excluded = await put(`/v3/groups/${id}`, {
      associatedIndicators: { data: [{ type: 'Address', ip: '10.0.0.1' }] },
    });
    expect(excluded.status).toBe(403);
    expect(emulator.state().groups[0]?.associatedIndicatorIds).toHaveLength(2);
  });

  it('updates fields and attributes, refuses an xid change and unknown groups', async () => {
    const id = (await post('/v3/groups', incident())).body.data.id as number;
    const res = await put(`/v3/groups/${id}?fields=attributes`, {
      status: 'Closed',
      attributes: { data: [{ type: 'Description', value: 'done' }] },
    });
    expect(res.body.data.status).toBe('Closed');
    expect(res.body.data.attributes.data).toHaveLength(3);
    expect((await put(`/v3/groups/${id}`, { xid: 'other' })).status).toBe(400);
    expect((await put('/v3/groups/424242', { name: 'x' })).status).toBe(404);
    const badType = await put(`/v3/groups/${id}`, {
      attributes: { data: [{ type: 'Nope', value: 'x' }] },
    });
    expect(badType.body.message).toBe('The requested attribute type was not found');
  });
});

describe('metadata', () => {
  it('lists attribute types and security labels of the owner', async () => {
    const types = await call({ target: '/v3/attributeTypes' });
    expect(types.body.data.map((t: { name: string }) => t.name)).toEqual([
      'Analysis ID',
      'Source',
      'Description',
    ]);
    expect(types.body.data[0]).toMatchObject({ maxSize: 100 });
    const labels = await call({ target: '/v3/securityLabels?owner=Cuckoo%20Sandbox' });
    expect(labels.body.data.map((l: { name: string }) => l.name)).toContain('DO NOT SHARE');
    expect(labels.body.data.map((l: { name: string }) => l.name)).toContain('TLP:AMBER');
  });

  it('answers an unknown route with 404 in the route family envelope', async () => {
    const res = await call({ target: '/v3/nothing' });
    expect(res.status).toBe(404);
    expect(res.body.status).toBe('Error');
  });
});
