import { describe, expect, it } from 'vitest';
import { clip, formatTable } from './format-table.js';

describe('formatTable', () => {
  it('aligns columns under the header', () => {
    expect(
      formatTable(
        ['queue', 'failed'],
        [
          ['parse', '3'],
          ['incidents', '12'],
        ],
      ),
    ).toBe(['queue      failed', 'parse      3', 'incidents  12'].join('\n'));
  });

  it('prints only the header when there are no rows', () => {
    expect(formatTable(['a', 'b'], [])).toBe('a  b');
  });
});

describe('clip', () => {
  it('keeps short text and flattens new lines', () => {
    expect(clip('503\nunavailable', 20)).toBe('503 unavailable');
  });

  it('cuts long text with an ellipsis', () => {
    expect(clip('abcdefghij', 5)).toBe('abcd…');
  });
});
