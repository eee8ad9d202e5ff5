import { describe, expect, it } from 'vitest';
import { buildQueryString, encodeComponent, withQuery } from './url-encoding.js';

describe('encodeComponent', () => {
  it('encodes a URL indicator exactly once (BUG-20)', () => {
    const value = 'http://198.51.100.5/dl.php?f=%2Fetc%2Fhosts&t=1';
    expect(`/api/v3/indicators/${encodeComponent(value)}`).toBe(
      '/api/v3/indicators/http%3A%2F%2F198.51.100.5%2Fdl.php%3Ff%3D%252Fetc%252Fhosts%26t%3D1',
    );
  });

  it("also encodes !'()* so URL parsing leaves the string alone", () => {
    const encoded = encodeComponent("it's (a) *test*!");
    expect(encoded).toBe('it%27s%20%28a%29%20%2Atest%2A%21');
    const url = new URL(`http://h/p/${encoded}?q=${encoded}`);
    expect(url.pathname + url.search).toBe(`/p/${encoded}?q=${encoded}`);
  });

  it('leaves values WHATWG URL parsing would keep intact for paths and queries', () => {
    const tricky = 'a b"c<d>e`f{g}h|i^j#k%l&m=n+o/p?q\\r';
    const encoded = encodeComponent(tricky);
    const url = new URL(`http://h/p/${encoded}?q=${encoded}`);
    expect(url.pathname + url.search).toBe(`/p/${encoded}?q=${encoded}`);
    expect(decodeURIComponent(encoded)).toBe(tricky);
  });
});

describe('buildQueryString', () => {
  it('keeps order, skips undefined and encodes spaces as %20', () => {
    expect(
      buildQueryString([
        ['owner', 'Cuckoo Sandbox'],
        ['resultLimit', 1],
        ['x', undefined],
      ]),
    ).toBe('owner=Cuckoo%20Sandbox&resultLimit=1');
  });

  it('adds ? only when there is a query', () => {
    expect(withQuery('/v3/groups', [])).toBe('/v3/groups');
    expect(withQuery('/v3/groups', [['tql', 'typeName EQ "Incident"']])).toBe(
      '/v3/groups?tql=typeName%20EQ%20%22Incident%22',
    );
  });
});
