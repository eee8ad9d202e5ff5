import { describe, expect, it } from 'vitest';
import { formatEventDate, tqlString } from './groups.js';

describe('tqlString', () => {
  it('quotes and escapes quotes, backslashes and backticks', () => {
    expect(tqlString('42')).toBe('"42"');
    expect(tqlString('a"b\\c\'d`e')).toBe('"a\\"b\\\\c\\\'d\\`e"');
  });
});

describe('formatEventDate', () => {
  it('sends a Date as UTC seconds with Z and passes strings through', () => {
    expect(formatEventDate(new Date('2024-05-06T10:11:12.999Z'))).toBe('2024-05-06T10:11:12Z');
    expect(formatEventDate('2024-05-06')).toBe('2024-05-06');
  });
});
