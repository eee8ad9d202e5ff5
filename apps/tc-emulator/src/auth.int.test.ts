// Authentication from outside: the reference's HMAC vectors, every 401 message, token auth and
// owner errors, with raw requests signed by the test helper.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { createEmulator } from './index.js';
import { tcRequest, tcSignature } from './test-support/tc-request.js';

const VECTOR_ID = '12345678901234567890';
const VECTOR_SECRET = 'ExampleSecretKey0123456789abcdefExampleSecretKey0123456789abcdef';
const VECTORS = [
  [
    'POST',
    '/api/v2/groups/incidents?owner=Example%20Source',
    '1700000000',
    '0epTLA64nrmHQqLhL1m8Jic7BxWwTyvBny0ZmFTbV60=',
  ],
  [
    'POST',
    '/v2/groups/incidents?createActivityLog=false&owner=Example+Source',
    '1700000000',
    'LJlxJWacjNp7ss16XnUGAakD5etXM0NHBFh/jhONjjk=',
  ],
  [
    'POST',
    '/api/v2/indicators/urls/http%3A%2F%2Fexample.com%2Fbad.php/groups/incidents/54321?owner=Example%20Source',
    '1700000001',
    'f6IaulZpRWztb23rg9PxfOEqwXQneR5Yp3l5BsUq8cI=',
  ],
  [
    'POST',
    '/api/v3/groups?owner=Example%20Source',
    '1700000002',
    'LJXqOnarZMWCK45YvdUL3SJopuHAOKYWZ3A4+52v/Fw=',
  ],
  [
    'GET',
    '/api/v3/groups?tql=typeName%20%3D%20%22Incident%22&resultLimit=1',
    '1700000003',
    '9cvv4py0Innelj2dm5aBWhopa6QmApCZ+7q+C/tbCUA=',
  ],
] as const;

describe('HMAC test vectors (reference §1.2)', () => {
  it.each(VECTORS)('%s %s signs to the table value', (method, target, ts, expected) => {
    expect(tcSignature(VECTOR_SECRET, target, method, ts)).toBe(expected);
  });

  it('accepts requests carrying exactly the table Authorization headers', async () => {
    const emulator = await createEmulator({
      users: [{ accessId: VECTOR_ID, secretKey: VECTOR_SECRET, defaultOwner: 'Example Source' }],
      owners: [{ name: 'Example Source', type: 'Source' }],
      clock: { now: () => 1_700_000_002_000 },
    });
    try {
      const [, , , post] = VECTORS;
      const created = await tcRequest(emulator.url, {
        method: 'POST',
        target: '/v3/groups?owner=Example%20Source',
        timestamp: post[2],
        authorization: `TC ${VECTOR_ID}:${post[3]}`,
        body: { type: 'Incident', name: 'Vector incident' },
      });
      expect(created.status).toBe(201);
      const [, , , , get] = VECTORS;
      const listed = await tcRequest(emulator.url, {
        target: '/v3/groups?tql=typeName%20%3D%20%22Incident%22&resultLimit=1',
        timestamp: get[2],
        authorization: `TC ${VECTOR_ID}:${get[3]}`,
      });
      expect(listed.status).toBe(200);
      expect(listed.body.data.map((g: { name: string }) => g.name)).toEqual(['Vector incident']);
    } finally {
      await emulator.close();
    }
  });
});

describe('authentication failures', () => {
  let emulator: Emulator;
  const now = 1_800_000_000;
  beforeAll(async () => {
    emulator = await createEmulator({ clock: { now: () => now * 1000 } });
  });
  afterAll(() => emulator.close());

  const expect401 = async (options: Parameters<typeof tcRequest>[1], message: string) => {
    const res = await tcRequest(emulator.url, options);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toEqual({ status: 'Failure', message });
  };

  it('accepts a correctly signed request', async () => {
    const res = await tcRequest(emulator.url, { target: '/v3/security/owners', timestamp: now });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('refuses a missing or non-numeric Timestamp', async () => {
    await expect401({ target: '/v3/security/owners', timestamp: 'yesterday' }, 'Invalid timestamp');
    await expect401({ target: '/v3/security/owners', timestamp: '' }, 'Invalid timestamp');
  });

  it('refuses a timestamp more than 300 s away, both ways', async () => {
    await expect401(
      { target: '/v3/security/owners', timestamp: now - 301 },
      'Timestamp out of acceptable time range',
    );
    await expect401(
      { target: '/v3/security/owners', timestamp: now + 301 },
      'Timestamp out of acceptable time range',
    );
    const edge = await tcRequest(emulator.url, {
      target: '/v3/security/owners',
      timestamp: now - 300,
    });
    expect(edge.status).toBe(200);
  });

  it('refuses a wrong secret and a signature of another target', async () => {
    await expect401(
      { target: '/v3/security/owners', timestamp: now, secretKey: 'wrong' },
      'Signature data did not match expected result',
    );
    const signedForOther = tcSignature(
      'emulator-secret-key',
      '/api/v3/securityLabels',
      'GET',
      String(now),
    );
    await expect401(
      {
        target: '/v3/security/owners',
        timestamp: now,
        authorization: `TC emulator-access-id:${signedForOther}`,
      },
      'Signature data did not match expected result',
    );
  });

  it('signs the query exactly as sent: %20 and + are different strings', async () => {
    const signedPlus = tcSignature(
      'emulator-secret-key',
      '/api/v3/groups?owner=Cuckoo+Sandbox',
      'GET',
      String(now),
    );
    await expect401(
      {
        target: '/v3/groups?owner=Cuckoo%20Sandbox',
        timestamp: now,
        authorization: `TC emulator-access-id:${signedPlus}`,
      },
      'Signature data did not match expected result',
    );
    const plus = await tcRequest(emulator.url, {
      target: '/v3/groups?owner=Cuckoo+Sandbox',
      timestamp: now,
    });
    expect(plus.status).toBe(200);
  });

  it('refuses an unknown access id, a malformed header and no header', async () => {
    await expect401(
      { target: '/v3/security/owners', timestamp: now, accessId: 'nobody' },
      'Access Denied',
    );
    await expect401(
      { target: '/v3/security/owners', timestamp: now, authorization: 'Basic abc' },
      'Access Denied',
    );
    await expect401(
      { target: '/v3/security/owners', timestamp: now, authorization: null },
      'Access Denied',
    );
  });

  it('accepts the API token and refuses an unknown one', async () => {
    const ok = await tcRequest(emulator.url, {
      target: '/v3/security/owners',
      token: 'emulator-api-token',
    });
    expect(ok.status).toBe(200);
    await expect401({ target: '/v3/security/owners', token: 'expired-token' }, 'Unauthorized');
  });
});

describe('owners', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await createEmulator({
      owners: [
        { name: 'Cuckoo Sandbox' },
        { name: 'Shared Intel', type: 'Community' },
        { name: 'Secret Org' },
      ],
      users: [
        {
          accessId: 'emulator-access-id',
          secretKey: 'emulator-secret-key',
          defaultOwner: 'Cuckoo Sandbox',
          owners: ['Shared Intel'],
        },
      ],
    });
  });
  afterAll(() => emulator.close());

  it('lists the owners the user may use', async () => {
    const res = await tcRequest(emulator.url, { target: '/v3/security/owners' });
    expect(res.body.data.map((o: { name: string }) => o.name)).toEqual([
      'Cuckoo Sandbox',
      'Shared Intel',
    ]);
  });

  it('refuses an unknown owner and an owner without access with 403', async () => {
    for (const owner of ['No%20Such%20Owner', 'Secret%20Org']) {
      const res = await tcRequest(emulator.url, {
        method: 'POST',
        target: `/v3/groups?owner=${owner}`,
        body: { type: 'Incident', name: 'x' },
      });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        errCode: '0x1001',
        message: 'The requested owner was not found',
        status: 'Error',
      });
    }
    const byBody = await tcRequest(emulator.url, {
      method: 'POST',
      target: '/v3/groups',
      body: { type: 'Incident', name: 'x', ownerName: 'Nope' },
    });
    expect(byBody.status).toBe(403);
    expect(emulator.state().groups).toEqual([]);
  });

  it('creates in a named owner the user may use', async () => {
    const res = await tcRequest(emulator.url, {
      method: 'POST',
      target: '/v3/groups?owner=Shared+Intel',
      body: { type: 'Incident', name: 'In community' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.ownerName).toBe('Shared Intel');
  });
});
