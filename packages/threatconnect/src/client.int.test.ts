import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { json, startLocalServer, type LocalServer } from './__fixtures__/local-server.js';
import { createThreatConnectClient } from './client.js';
import { TcMissingMetadataError, TcRequestError } from './errors.js';

// Request shapes on the wire, checked on a real local HTTP server. Behaviour against a strict
// ThreatConnect stand-in lives in test/threatconnect (the emulator).
let server: LocalServer;
const owner = 'Cuckoo Sandbox';
const ok = (data: unknown) => ({ status: 'Success', data });

beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server.close());
afterEach(() => {
  server.seen.length = 0;
});

function client() {
  return createThreatConnectClient({
    baseUrl: server.baseUrl,
    auth: { accessId: 'a', secretKey: 's' },
    owner,
  });
}

describe('operations on the wire', () => {
  it('createIncident sends one POST with attributes, labels and tags inline, owner by name', async () => {
    server.respond((_r, res) =>
      json(res, 201, { ...ok({ id: 5002, name: 'n', xid: 'x' }), message: 'Created' }),
    );
    const tc = client();
    const group = await tc.createIncident({
      name: 'Cuckoo Analysis 20240506: dropper.exe',
      eventDate: new Date('2024-05-06T10:11:12.345Z'),
      xid: 'cuckoo-tc:sandbox-1:1119',
      attributes: [
        { type: 'Analysis ID', value: '1119', securityLabels: ['DO NOT SHARE'] },
        { type: 'Source', value: 'http://cuckoo/analysis/1119', default: true },
      ],
      tags: ['cuckoo'],
    });
    tc.close();
    expect(group).toMatchObject({ id: 5002, xid: 'x' });
    expect(server.seen).toHaveLength(1);
    const [req] = server.seen;
    expect(`${req?.method} ${req?.url}`).toBe('POST /api/v3/groups?owner=Cuckoo%20Sandbox');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({
      type: 'Incident',
      name: 'Cuckoo Analysis 20240506: dropper.exe',
      eventDate: '2024-05-06T10:11:12Z',
      xid: 'cuckoo-tc:sandbox-1:1119',
      attributes: {
        data: [
          {
            type: 'Analysis ID',
            value: '1119',
            securityLabels: { data: [{ name: 'DO NOT SHARE' }] },
          },
          { type: 'Source', value: 'http://cuckoo/analysis/1119', default: true },
        ],
      },
      tags: { data: [{ name: 'cuckoo' }] },
    });
  });

  it('BUG-18: an unnamed missing attribute type is worked out from the owner’s types', async () => {
    server.respond((req, res) =>
      req.url.startsWith('/api/v3/attributeTypes')
        ? json(
            res,
            200,
            ok([
              { id: 1, name: 'Source' },
              { id: 2, name: 'Description' },
            ]),
          )
        : json(res, 400, {
            status: 'Error',
            message: 'The requested attribute type was not found',
          }),
    );
    const tc = client();
    const err = await tc
      .createIncident({
        name: 'Sandbox analysis 1118',
        eventDate: '2024-05-06T10:11:12Z',
        xid: 'x-1118',
        attributes: [
          { type: 'Analysis ID', value: '1118' },
          { type: 'Source', value: 'http://cuckoo/1118' },
        ],
      })
      .catch((e: unknown) => e);
    tc.close();
    expect(err).toBeInstanceOf(TcMissingMetadataError);
    expect(err).toMatchObject({ kind: 'attribute-type', names: ['Analysis ID'], owner });
    expect((err as Error).message).toContain(
      "missing group attribute type 'Analysis ID' in owner 'Cuckoo Sandbox'",
    );
    expect(server.seen.map(r => r.method)).toEqual(['POST', 'GET']);
  });

  it('createIncident returns the existing incident when the xid is taken (a racing worker)', async () => {
    server.respond((req, res) =>
      req.method === 'POST'
        ? json(res, 400, { status: 'Error', message: 'An item with this XID already exists' })
        : json(res, 200, ok({ id: 9, name: 'n', xid: 'dup' })),
    );
    const tc = client();
    const group = await tc.createIncident({ name: 'n', eventDate: '2024-05-06', xid: 'dup' });
    tc.close();
    expect(group.id).toBe(9);
    expect(server.seen[1]?.url).toBe('/api/v3/groups/dup?owner=Cuckoo%20Sandbox');
  });

  it('findIncidentByAnalysisId sends the documented TQL, quoted and encoded', async () => {
    server.respond((_r, res) => json(res, 200, ok([{ id: 77, name: 'n' }])));
    const tc = client();
    expect(await tc.findIncidentByAnalysisId(42)).toMatchObject({ id: 77 });
    tc.close();
    const url = new URL(`http://h${server.seen[0]?.url}`);
    expect(url.searchParams.get('tql')).toBe(
      'typeName EQ "Incident" AND hasAttribute(typeName EQ "Analysis ID" AND text EQ "42")',
    );
    expect(url.searchParams.get('owner')).toBe(owner);
  });

  it('associateIndicators sends one PUT per chunk with mode append', async () => {
    server.respond((_r, res) => json(res, 200, { ...ok({ id: 5 }), message: 'Updated' }));
    const tc = client();
    const ids = Array.from({ length: 250 }, (_, i) => i + 1);
    expect(await tc.associateIndicators(5, ids, 100)).toEqual({ calls: 3 });
    expect(await tc.associateIndicators(5, [], 100)).toEqual({ calls: 0 });
    tc.close();
    const bodies = server.seen.map(
      r => JSON.parse(r.body) as { associatedIndicators: { data: unknown[]; mode: string } },
    );
    expect(server.seen.map(r => `${r.method} ${r.url}`)).toEqual(
      Array(3).fill('PUT /api/v3/groups/5?owner=Cuckoo%20Sandbox'),
    );
    expect(bodies.map(b => b.associatedIndicators.data.length)).toEqual([100, 100, 50]);
    expect(bodies.every(b => b.associatedIndicators.mode === 'append')).toBe(true);
    expect(bodies[2]?.associatedIndicators.data[49]).toEqual({ id: 250 });
  });

  it('upsertIndicator sends a File with hashes, size and file occurrences', async () => {
    server.respond((_r, res) => json(res, 201, ok({ id: 3, type: 'File' })));
    const tc = client();
    await tc.upsertIndicator({
      type: 'File',
      md5: '85f21cb750b8dcdd29c801bdd0412fed',
      sha256: 'ef85c6fbbcaed40fe882829926fca0f94f63b291ac6b509d765cf76e73b995c2',
      size: 1024,
      fileOccurrences: [{ fileName: 'dropper.exe', date: '2024-05-06' }],
      associatedGroupIds: [5002],
    });
    tc.close();
    expect(JSON.parse(server.seen[0]?.body ?? '')).toEqual({
      type: 'File',
      md5: '85f21cb750b8dcdd29c801bdd0412fed',
      sha256: 'ef85c6fbbcaed40fe882829926fca0f94f63b291ac6b509d765cf76e73b995c2',
      size: 1024,
      fileOccurrences: { data: [{ fileName: 'dropper.exe', date: '2024-05-06' }] },
      associatedGroups: { data: [{ id: 5002 }] },
    });
  });

  it('BUG-19: a hash conflict resolves to the existing File (sha256, then sha1, then md5)', async () => {
    const report = {
      md5: '85f21cb750b8dcdd29c801bdd0412fed',
      sha1: '30fd616b95fbcc3a198d6b7dc6bb1a5a47826b5c',
      sha256: 'ef85c6fbbcaed40fe882829926fca0f94f63b291ac6b509d765cf76e73b995c2',
    };
    server.respond((req, res) => {
      if (req.method === 'POST') {
        json(res, 400, {
          status: 'Failure',
          message: 'The MD5 for this File is invalid, a File with this MD5 already exists.',
        });
      } else if (req.method === 'GET' && req.url.startsWith(`/api/v3/indicators/${report.md5}`)) {
        json(res, 200, ok({ id: 7700, type: 'File', md5: report.md5, sha1: null, sha256: null }));
      } else if (req.method === 'GET') {
        json(res, 404, { status: 'Failure', message: 'Object not found' });
      } else {
        json(res, 200, { ...ok({ id: 7700 }), message: 'Updated' });
      }
    });
    const tc = client();
    const file = await tc.upsertIndicator({
      type: 'File',
      ...report,
      size: 1024,
      associatedGroupIds: [5001],
    });
    tc.close();
    expect(file).toMatchObject({ id: 7700, existingFile: true });
    expect(server.seen.map(r => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'POST /api/v3/indicators',
      `GET /api/v3/indicators/${report.sha256}`,
      `GET /api/v3/indicators/${report.sha1}`,
      `GET /api/v3/indicators/${report.md5}`,
      'PUT /api/v3/indicators/7700',
    ]);
    expect(JSON.parse(server.seen[4]?.body ?? '')).toEqual({
      associatedGroups: { data: [{ id: 5001 }], mode: 'append' },
    });
  });

  it('BUG-19: when no File holds any of the hashes the original refusal is thrown', async () => {
    server.respond((req, res) =>
      req.method === 'POST'
        ? json(res, 400, {
            status: 'Failure',
            message: 'The SHA256 for this File is invalid, a File with this SHA256 already exists',
          })
        : json(res, 404, { status: 'Failure', message: 'Object not found' }),
    );
    const tc = client();
    const err = await tc
      .upsertIndicator({ type: 'File', md5: '85f21cb750b8dcdd29c801bdd0412fed' })
      .catch((e: unknown) => e);
    tc.close();
    expect(err).toBeInstanceOf(TcRequestError);
    expect((err as Error).message).toContain('already exists');
  });

  it('lists owners without ?owner= and follows pages for attribute types', async () => {
    server.respond((req, res) => {
      const start = Number(new URL(`http://h${req.url}`).searchParams.get('resultStart'));
      const page =
        start === 0
          ? Array.from({ length: 1000 }, (_, i) => ({ id: i, name: `t${i}` }))
          : [{ id: 1000, name: 'last' }];
      json(res, 200, {
        ...ok(req.url.includes('owners') ? [{ id: 1, name: owner, type: 'Organization' }] : page),
        next: 'x',
      });
    });
    const tc = client();
    expect(await tc.listOwners()).toEqual([{ id: 1, name: owner, type: 'Organization' }]);
    const types = await tc.listAttributeTypes();
    tc.close();
    expect(types).toHaveLength(1001);
    expect(server.seen[0]?.url).toBe('/api/v3/security/owners?resultStart=0&resultLimit=1000');
    expect(server.seen[2]?.url).toBe(
      '/api/v3/attributeTypes?owner=Cuckoo%20Sandbox&resultStart=1000&resultLimit=1000',
    );
  });
});
