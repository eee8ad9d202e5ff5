import { describe, expect, it } from 'vitest';
import { jsonPathAt } from './json-path.js';

describe('jsonPathAt', () => {
  const at = (text: string, marker: string): string =>
    jsonPathAt('network', text, text.indexOf(marker));

  it('names array indexes and object keys down to the position', () => {
    expect(at('{"hosts": ["a", "b", "c", X]}', 'X')).toBe('network.hosts[3]');
    expect(at('{"dns": [{"request": "x"}, {"request": X}]}', 'X')).toBe('network.dns[1].request');
    expect(at('{"a": {"b": 1}, "c": X}', 'X')).toBe('network.c');
  });

  it('ignores brackets, commas and quotes inside strings', () => {
    expect(at('{"k": "[,{\\"", "list": [",]", X]}', 'X')).toBe('network.list[1]');
  });

  it('quotes keys that are not identifiers', () => {
    expect(at('{"http_ex": {"a b": X}}', 'X')).toBe('network.http_ex["a b"]');
  });

  it('gives the root for a position at the top of the section', () => {
    expect(jsonPathAt('info', '{"a": 1}', 0)).toBe('info');
  });
});
