import { expect, it } from 'vitest';
import { parseRawTarget, pathSegments } from './raw-target.js';

it('splits the raw path before decoding and keeps + in segments', () => {
  const target = parseRawTarget(
    '/api/v3/indicators/http%3A%2F%2Fa.example%2Fx%2By%252F?owner=Cuckoo+Sandbox&x=%20',
  );
  expect(pathSegments(target.rawPath, '/api')).toEqual([
    'v3',
    'indicators',
    'http://a.example/x+y%2F',
  ]);
  expect(target.query.get('owner')).toBe('Cuckoo Sandbox');
  expect(target.query.get('x')).toBe(' ');
});

it('refuses paths outside the prefix or with broken escapes', () => {
  expect(pathSegments('/apix/v3/groups', '/api')).toBeNull();
  expect(pathSegments('/api/v3/indicators/%E0%A4%A', '/api')).toBeNull();
  expect(pathSegments('/v3/groups', '')).toEqual(['v3', 'groups']);
});
