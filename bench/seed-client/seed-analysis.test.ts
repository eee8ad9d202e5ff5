import { describe, expect, it } from 'vitest';
import type { ParseResult } from '@cuckoo-tc/indicators';
import { seedAnalysisOf, seedIndicatorCount } from './seed-analysis.js';

function result(indicators: ParseResult['indicators']): ParseResult {
  return {
    analysis: {
      id: 7,
      flavour: 'cuckoo-2.0',
      version: '2.0.7',
      started: '2024-03-12T09:14:03Z',
      target: { category: 'file', name: 'a.exe', url: null },
    },
    incident: {
      name: 'Cuckoo Analysis 20240312: a.exe',
      eventDate: '2024-03-12T09:14:03Z',
      xid: 'cuckoo-tc:lab:7',
      attributes: [],
      tags: [],
    },
    indicators,
    dropped: [],
    warnings: [],
  };
}

const file = {
  type: 'File',
  value: 'aa : bb',
  md5: 'a'.repeat(32),
  sha1: 'b'.repeat(40),
  sha256: null,
  size: 10,
  fileOccurrences: [{ fileName: 'a.exe', date: '2024-03-12T09:14:03Z' }],
  sections: ['target'],
} as const;

describe('seedAnalysisOf', () => {
  it('maps each network indicator to its v2 path and body field, and the file with its occurrence', () => {
    const analysis = seedAnalysisOf(
      result([
        { type: 'Address', value: '203.0.113.5', sections: ['hosts'] },
        { type: 'Host', value: 'c2.example.net', sections: ['domains'] },
        { type: 'URL', value: 'http://c2.example.net/x', sections: ['http'] },
        file,
      ]),
      7,
      'http://sandbox/analysis/{id}/',
    );

    expect(analysis).toEqual({
      taskId: 7,
      name: 'Cuckoo Analysis 20240312: a.exe',
      sourceLink: 'http://sandbox/analysis/7/',
      network: [
        { path: 'addresses', field: 'ip', value: '203.0.113.5' },
        { path: 'hosts', field: 'hostName', value: 'c2.example.net' },
        { path: 'urls', field: 'text', value: 'http://c2.example.net/x' },
      ],
      file: {
        md5: 'a'.repeat(32),
        sha1: 'b'.repeat(40),
        sha256: null,
        size: 10,
        fileName: 'a.exe',
        date: '2024-03-12',
      },
    });
    expect(seedIndicatorCount(analysis)).toBe(4);
  });

  it('leaves out a file without an MD5, which the old module addressed by MD5', () => {
    const analysis = seedAnalysisOf(result([{ ...file, md5: null }]), 7, 'x');

    expect(analysis.file).toBeNull();
    expect(seedIndicatorCount(analysis)).toBe(0);
  });
});
