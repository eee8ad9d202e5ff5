// /v3/indicators from outside: value rules, exclusion lists, upsert by value per owner, File
// hash conflicts (BUG-19), occurrences, associations, and lookups by encoded summary (BUG-20).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { createEmulator } from './index.js';
import type { TcRequest } from './test-support/tc-request.js';
import { tcRequest } from './test-support/tc-request.js';

let emulator: Emulator;
const call = (options: TcRequest) => tcRequest(emulator.url, options);
const post = (target: string, body: unknown) => call({ method: 'POST', target, body });

beforeAll(async () => {
  emulator = await createEmulator({
    owners: [{ name: 'Cuckoo Sandbox' }, { name: 'Other Source', type: 'Source' }],
    exclusions: { hosts: ['*.local', 'wpad.example.net'], urls: ['http://ignored.example.org/'] },
  });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe('value rules', () => {
  it.each([
    ['Address', { ip: '203.0.113.5' }],
    ['Address', { ip: '2001:db8::5' }],
    ['Host', { hostName: 'evil.example.com' }],
    ['Host', { hostName: 'xn--bcher-kva.example' }],
    ['Host', { hostName: 'under_score.example.com' }],
    ['URL', { text: 'http://evil.example.com/a%20b?q=1#frag' }],
    ['URL', { text: 'https://[2001:db8::1]:8443/x' }],
    ['URL', { text: 'http://198.51.100.5/dl.php?f=%2Fetc%2Fhosts&t=1' }],
    ['File', { md5: '85f21cb750b8dcdd29c801bdd0412fed', size: 1024 }],
  ])('accepts a valid %s %j', async (type, fields) => {
    const res = await post('/v3/indicators', { type, ...fields });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ message: 'Created', status: 'Success', data: { type } });
  });

  it.each([
    ['Address', { ip: '203.0.113.256' }],
    ['Address', { ip: '203.000.113.5' }],
    ['Address', { ip: 'fe80::1%eth0' }],
    ['Address', {}],
    ['Host', { hostName: 'Evil.Example.com' }],
    ['Host', { hostName: 'bücher.example' }],
    ['Host', { hostName: 'singlelabel' }],
    ['Host', { hostName: '203.0.113.5' }],
    ['Host', { hostName: '-bad.example.com' }],
    ['Host', { hostName: `${'a'.repeat(64)}.example.com` }],
    ['URL', { text: 'evil.example.com/path' }],
    ['URL', { text: 'http://EVIL.example.com/' }],
    ['URL', { text: 'HTTP://evil.example.com/' }],
    ['URL', { text: 'http://evil.example.com/a b' }],
    ['URL', { text: 'http://evil.example.com/ü' }],
    ['URL', { text: 'http://evil.example.com/%zz' }],
    ['URL', { text: `http://evil.example.com/${'a'.repeat(5000)}` }],
    ['File', { md5: 'xyz' }],
    ['File', { sha1: '85f21cb750b8dcdd29c801bdd0412fed' }],
    ['File', { size: 10 }],
  ])('refuses an invalid %s %j with 400 "Please enter a valid <Type>"', async (type, fields) => {
    const res = await post('/v3/indicators', { type, ...fields });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errCode: '0x1001',
      message: `Please enter a valid ${type}`,
      status: 'Error',
    });
    expect(emulator.state().indicators).toEqual([]);
  });

  it('refuses an unknown indicator type', async () => {
    const res = await post('/v3/indicators', { type: 'EmailAddress', address: 'a@b.example' });
    expect(res.status).toBe(400);
  });

  it('stores IPv6 in RFC 5952 form and file hashes upper case', async () => {
    const v6 = await post('/v3/indicators', { type: 'Address', ip: '2001:0DB8:0:0:0:0:0:0005' });
    expect(v6.body.data.ip).toBe('2001:db8::5');
    const file = await post('/v3/indicators', {
      type: 'File',
      md5: '85f21cb750b8dcdd29c801bdd0412fed',
    });
    expect(file.body.data.summary).toBe('85F21CB750B8DCDD29C801BDD0412FED');
  });
});

describe('exclusion lists', () => {
  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '192.168.56.101',
    '127.0.0.1',
    '169.254.1.1',
    '0.0.0.0',
    '100.64.0.1',
    '224.0.0.251',
    '239.255.255.250',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'ff02::1:3',
    '::ffff:192.168.1.1',
  ])('refuses private or reserved %s with 403', async ip => {
    const res = await post('/v3/indicators', { type: 'Address', ip });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      errCode: '0x1001',
      message: 'This indicator is contained on a system-wide exclusion list.',
      status: 'Error',
    });
  });

  it('keeps the documentation ranges (stand-ins for public addresses) allowed', async () => {
    for (const ip of ['192.0.2.1', '198.51.100.7', '203.0.113.9', '2001:db8::1', '8.8.8.8']) {
      expect((await post('/v3/indicators', { type: 'Address', ip })).status, ip).toBe(201);
    }
  });

  it('refuses configured host and URL values', async () => {
    for (const body of [
      { type: 'Host', hostName: 'printer.local' },
      { type: 'Host', hostName: 'wpad.example.net' },
      { type: 'URL', text: 'http://ignored.example.org/' },
    ]) {
      expect((await post('/v3/indicators', body)).status).toBe(403);
    }
    expect(
      (await post('/v3/indicators', { type: 'Host', hostName: 'notlocal.example' })).status,
    ).toBe(201);
    expect(emulator.state().indicators).toHaveLength(1);
  });
});

describe('upsert by value per owner', () => {
  it('returns the same indicator for the same value and creates one per owner', async () => {
    const first = await post('/v3/indicators', {
      type: 'Host',
      hostName: 'c2.example.com',
      rating: 3,
    });
    const again = await post('/v3/indicators', {
      type: 'Host',
      hostName: 'c2.example.com',
      confidence: 50,
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.message).toBe('Updated');
    expect(again.body.data).toMatchObject({ id: first.body.data.id, rating: 3, confidence: 50 });
    const other = await post('/v3/indicators?owner=Other%20Source', {
      type: 'Host',
      hostName: 'c2.example.com',
    });
    expect(other.status).toBe(201);
    expect(other.body.data.id).not.toBe(first.body.data.id);
    expect(emulator.state().indicators.map(i => i.ownerName)).toEqual([
      'Cuckoo Sandbox',
      'Other Source',
    ]);
  });

  it('associates groups given inline, once, and validates them', async () => {
    const group = (await post('/v3/groups', { type: 'Incident', name: 'g' })).body.data
      .id as number;
    const body = {
      type: 'Address',
      ip: '203.0.113.5',
      associatedGroups: { data: [{ id: group }] },
    };
    await post('/v3/indicators', body);
    const again = await post('/v3/indicators?fields=associatedGroups', body);
    expect(again.body.data.associatedGroups.data.map((g: { id: number }) => g.id)).toEqual([group]);
    expect(emulator.state().groups[0]?.associatedIndicatorIds).toEqual([again.body.data.id]);
    const missing = await post('/v3/indicators', {
      ...body,
      associatedGroups: { data: [{ id: 99 }] },
    });
    expect(missing.status).toBe(404);
  });

  it('validates attributes and labels on indicators and creates nothing on failure', async () => {
    const bad = await post('/v3/indicators', {
      type: 'Host',
      hostName: 'x.example.com',
      attributes: { data: [{ type: 'Nope', value: 'v' }] },
    });
    expect(bad.body.message).toBe('The requested attribute type was not found');
    const badLabel = await post('/v3/indicators', {
      type: 'Host',
      hostName: 'x.example.com',
      securityLabels: { data: [{ name: 'NOPE' }] },
    });
    expect(badLabel.status).toBe(400);
    expect(emulator.state().indicators).toEqual([]);
    const ok = await post('/v3/indicators?fields=attributes&fields=securityLabels', {
      type: 'Host',
      hostName: 'x.example.com',
      attributes: { data: [{ type: 'Description', value: 'seen in analysis 1' }] },
      securityLabels: { data: [{ name: 'TLP:GREEN' }] },
    });
    expect(ok.body.data.securityLabels.data).toEqual([{ name: 'TLP:GREEN' }]);
  });
});

describe('File indicators (BUG-19)', () => {
  const md5 = '85f21cb750b8dcdd29c801bdd0412fed';
  const sha1 = '30fd616b95fbcc3a198d6b7dc6bb1a5a47826b5c';
  const sha256 = 'ef85c6fbbcaed40fe882829926fca0f94f63b291ac6b509d765cf76e73b995c2';

  it('refuses a File whose MD5 already belongs to another File, and finds the existing one', async () => {
    const existing = await post('/v3/indicators', { type: 'File', md5 });
    const res = await post('/v3/indicators', { type: 'File', md5, sha1, sha256, size: 1024 });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errCode: '0x1001',
      message: 'The MD5 for this File is invalid, a File with this MD5 already exists',
      status: 'Error',
    });
    expect((await call({ target: `/v3/indicators/${sha256}` })).status).toBe(404);
    const found = await call({ target: `/v3/indicators/${md5}` });
    expect(found.body.data.id).toBe(existing.body.data.id);
    expect(emulator.state().indicators).toHaveLength(1);
  });

  it('names SHA1 and SHA256 in their conflicts', async () => {
    await post('/v3/indicators', { type: 'File', sha1 });
    const sha1Conflict = await post('/v3/indicators', { type: 'File', sha1, sha256 });
    expect(sha1Conflict.body.message).toBe(
      'The SHA1 for this File is invalid, a File with this SHA1 already exists',
    );
    await post('/v3/indicators', { type: 'File', sha256 });
    const sha256Conflict = await post('/v3/indicators', {
      type: 'File',
      md5: 'a'.repeat(32),
      sha256,
    });
    expect(sha256Conflict.status).toBe(400);
    expect(sha256Conflict.body.message).toBe(
      'The SHA256 for this File is invalid, a File with this SHA256 already exists',
    );
  });

  it('upserts an exact or partial description of a stored File and keeps occurrences once', async () => {
    const occurrence = { fileName: 'dropper.exe', date: '2024-05-06T12:11:12+02:00' };
    const body = {
      type: 'File',
      md5,
      sha1,
      sha256,
      size: 1024,
      fileOccurrences: { data: [occurrence] },
    };
    const first = await post('/v3/indicators?fields=fileOccurrences', body);
    expect(first.status).toBe(201);
    expect(first.body.data.fileOccurrences.data[0]).toMatchObject({
      fileName: 'dropper.exe',
      date: '2024-05-06T10:11:12Z',
    });
    const again = await post('/v3/indicators', body);
    expect(again.status).toBe(200);
    expect(again.body.data.summary).toBe([md5, sha1, sha256].map(h => h.toUpperCase()).join(' : '));
    const partial = await post('/v3/indicators', { type: 'File', sha256: sha256.toUpperCase() });
    expect(partial.body.data.id).toBe(first.body.data.id);
    const [file] = emulator.state().indicators;
    expect(file?.fileOccurrences).toHaveLength(1);
    const bySummary = await call({
      target: `/v3/indicators/${encodeURIComponent(`${md5} : ${sha1} : ${sha256}`)}`,
    });
    expect(bySummary.body.data.id).toBe(first.body.data.id);
    const upper = await call({ target: `/v3/indicators/${sha1.toUpperCase()}` });
    expect(upper.body.data.id).toBe(first.body.data.id);
  });

  it('never merges hashes into a File that lacks them', async () => {
    await post('/v3/indicators', { type: 'File', md5, sha256 });
    const res = await post('/v3/indicators', { type: 'File', md5, sha1, sha256 });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^The MD5 for this File is invalid/);
  });

  it('refuses occurrences without any field and on non-File types', async () => {
    const empty = await post('/v3/indicators', {
      type: 'File',
      md5,
      fileOccurrences: { data: [{}] },
    });
    expect(empty.status).toBe(400);
    const onHost = await post('/v3/indicators', {
      type: 'Host',
      hostName: 'a.example.com',
      fileOccurrences: { data: [{ fileName: 'x' }] },
    });
    expect(onHost.status).toBe(400);
  });
});

describe('GET and PUT /v3/indicators/{id|summary} (BUG-20)', () => {
  const url = 'http://198.51.100.5/dl.php?f=%2Fetc%2Fhosts&t=1';

  it('finds a URL encoded exactly once and not when encoded twice', async () => {
    const created = await post('/v3/indicators', { type: 'URL', text: url });
    const once = await call({ target: `/v3/indicators/${encodeURIComponent(url)}` });
    expect(once.status).toBe(200);
    expect(once.body.data).toMatchObject({ id: created.body.data.id, text: url });
    expect(encodeURIComponent(url)).toBe(
      'http%3A%2F%2F198.51.100.5%2Fdl.php%3Ff%3D%252Fetc%252Fhosts%26t%3D1',
    );
    const twice = await call({
      target: `/v3/indicators/${encodeURIComponent(encodeURIComponent(url))}`,
    });
    expect(twice.status).toBe(404);
    const unencoded = await call({ target: '/v3/indicators/http://198.51.100.5/dl.php' });
    expect(unencoded.status).toBe(404);
    const decodedPercent = await call({
      target: '/v3/indicators/http%3A%2F%2F198.51.100.5%2Fdl.php%3Ff%3D%2Fetc%2Fhosts%26t%3D1',
    });
    expect(decodedPercent.status).toBe(404);
  });

  it('keeps + in a path segment as +', async () => {
    const plus = 'http://evil.example.com/a+b';
    await post('/v3/indicators', { type: 'URL', text: plus });
    expect((await call({ target: `/v3/indicators/${encodeURIComponent(plus)}` })).status).toBe(200);
    const asSpace = await call({ target: '/v3/indicators/http%3A%2F%2Fevil.example.com%2Fa%20b' });
    expect(asSpace.status).toBe(404);
  });

  it('reads by id, address and host, and updates by id with associatedGroups modes', async () => {
    const group = (await post('/v3/groups', { type: 'Incident', name: 'g' })).body.data
      .id as number;
    const address = await post('/v3/indicators', { type: 'Address', ip: '2001:db8::7' });
    const id = address.body.data.id as number;
    expect((await call({ target: `/v3/indicators/${id}` })).body.data.ip).toBe('2001:db8::7');
    expect((await call({ target: '/v3/indicators/2001%3A0db8%3A%3A7' })).body.data.id).toBe(id);
    const updated = await call({
      method: 'PUT',
      target: `/v3/indicators/${id}?fields=associatedGroups`,
      body: { rating: 4, associatedGroups: { data: [{ id: group }] } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ message: 'Updated', data: { rating: 4 } });
    await call({
      method: 'PUT',
      target: `/v3/indicators/${id}`,
      body: { associatedGroups: { data: [{ id: group }], mode: 'delete' } },
    });
    expect(emulator.state().groups[0]?.associatedIndicatorIds).toEqual([]);
    expect(
      (await call({ method: 'PUT', target: '/v3/indicators/nothing.example.com', body: {} }))
        .status,
    ).toBe(404);
    const badRating = await call({
      method: 'PUT',
      target: `/v3/indicators/${id}`,
      body: { rating: 9 },
    });
    expect(badRating.status).toBe(400);
  });

  it('lists indicators by TQL', async () => {
    await post('/v3/indicators', { type: 'Host', hostName: 'a.example.com' });
    await post('/v3/indicators', { type: 'Address', ip: '203.0.113.8' });
    const res = await call({
      target: `/v3/indicators?tql=${encodeURIComponent('typeName EQ "Host"')}`,
    });
    expect(res.body.data.map((i: { summary: string }) => i.summary)).toEqual(['a.example.com']);
  });
});
