import { describe, expect, it } from 'vitest';
import { toTcIndicator } from './indicator-input.js';

describe('toTcIndicator', () => {
  it('maps each type onto its ThreatConnect value field', () => {
    expect(toTcIndicator({ type: 'Address', value: '203.0.113.5' })).toEqual({
      type: 'Address',
      ip: '203.0.113.5',
    });
    expect(toTcIndicator({ type: 'Host', value: 'evil.example' })).toEqual({
      type: 'Host',
      hostName: 'evil.example',
    });
    expect(toTcIndicator({ type: 'URL', value: 'http://evil.example/' })).toEqual({
      type: 'URL',
      text: 'http://evil.example/',
    });
  });

  it('sends a file with its hashes, size and occurrence', () => {
    expect(
      toTcIndicator({
        type: 'File',
        value: 'a : b : c',
        md5: 'a',
        sha1: 'b',
        sha256: 'c',
        size: 10,
        occurrence: { fileName: 'x.exe', date: '2018-02-06T16:40:25Z' },
      }),
    ).toEqual({
      type: 'File',
      md5: 'a',
      sha1: 'b',
      sha256: 'c',
      size: 10,
      fileOccurrences: [{ fileName: 'x.exe', date: '2018-02-06T16:40:25Z' }],
    });
  });
});
