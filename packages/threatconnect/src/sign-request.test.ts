import { describe, expect, it } from 'vitest';
import { signRequest } from './sign-request.js';

// The five published vectors (reference §1.2), copied here so the test stands on its own.
const accessId = '12345678901234567890';
const secretKey = 'ExampleSecretKey0123456789abcdefExampleSecretKey0123456789abcdef';
const vectors: Array<[string, string, number, string]> = [
  [
    'POST',
    '/api/v2/groups/incidents?owner=Example%20Source',
    1700000000,
    'TC 12345678901234567890:0epTLA64nrmHQqLhL1m8Jic7BxWwTyvBny0ZmFTbV60=',
  ],
  [
    'POST',
    '/v2/groups/incidents?createActivityLog=false&owner=Example+Source',
    1700000000,
    'TC 12345678901234567890:LJlxJWacjNp7ss16XnUGAakD5etXM0NHBFh/jhONjjk=',
  ],
  [
    'POST',
    '/api/v2/indicators/urls/http%3A%2F%2Fexample.com%2Fbad.php/groups/incidents/54321?owner=Example%20Source',
    1700000001,
    'TC 12345678901234567890:f6IaulZpRWztb23rg9PxfOEqwXQneR5Yp3l5BsUq8cI=',
  ],
  [
    'POST',
    '/api/v3/groups?owner=Example%20Source',
    1700000002,
    'TC 12345678901234567890:LJXqOnarZMWCK45YvdUL3SJopuHAOKYWZ3A4+52v/Fw=',
  ],
  [
    'GET',
    '/api/v3/groups?tql=typeName%20%3D%20%22Incident%22&resultLimit=1',
    1700000003,
    'TC 12345678901234567890:9cvv4py0Innelj2dm5aBWhopa6QmApCZ+7q+C/tbCUA=',
  ],
];

describe('signRequest', () => {
  it.each(vectors)('%s %s @%d', (method, pathWithQuery, timestamp, expected) => {
    expect(signRequest({ method, pathWithQuery, timestamp, accessId, secretKey })).toBe(expected);
  });

  it('accepts a lower-case method and a string timestamp', () => {
    const [method, pathWithQuery, timestamp, expected] = vectors[3]!;
    const lower = method.toLowerCase();
    expect(
      signRequest({
        method: lower,
        pathWithQuery,
        timestamp: String(timestamp),
        accessId,
        secretKey,
      }),
    ).toBe(expected);
  });

  it('changes with the query encoding, so the client must sign what it sends', () => {
    const base = { method: 'POST', timestamp: 1700000000, accessId, secretKey };
    const a = signRequest({ ...base, pathWithQuery: '/api/v3/groups?owner=Example%20Source' });
    const b = signRequest({ ...base, pathWithQuery: '/api/v3/groups?owner=Example+Source' });
    expect(a).not.toBe(b);
  });
});
