import { describe, expect, it } from 'vitest';
import { CHUNK_SIZES, outcome } from './__fixtures__/chunks.js';
import { randomReport } from './__fixtures__/random-report.js';
import type { ReadReportOptions } from './read-report.js';
import { DEFAULT_SECTIONS } from './sections.js';

const deep = (levels: number): string => '['.repeat(levels) + '"x"' + ']'.repeat(levels);

/** Valid documents whose kept sections must equal what JSON.parse gives for the whole text. */
const VALID: Record<string, string> = {
  'pretty report with tricky strings': JSON.stringify(
    {
      info: { id: 1, version: '2.0.7', note: 'braces } ] { [ and "quotes" and \\ backslash' },
      behavior: {
        processes: [
          {
            calls: [
              { api: 'NtReadFile', arguments: { buffer: '\\\\"}]\\', path: 'C:\\Windows\\' } },
            ],
          },
        ],
        tail: '\\\\\\\\',
      },
      target: { file: { name: 'été 日本語 😀 ñ.exe', sha256: 'ab'.repeat(32) } },
      network: {
        hosts: ['198.51.100.7'],
        dns: [{ request: 'bad\udc8f.example.net', answers: [] }],
      },
      static: { strings: ['"', '\\', '\\"', '{"a": [1]}', ''] },
    },
    null,
    4,
  ),
  'escapes written by hand': String.raw`{"behavior": "\\", "debug": "\"\\\"\\\\", "info": {"a\"b": "\u00e9\ud83d\ude00\udc8f"}, "x": "\\\\\\\""}`,
  'empty object': '{}',
  'whitespace around everything': ' \r\n\t{ \n "info" \t:\r\n {} \n , "behavior" : [ ] } \n\n ',
  'top-level scalars kept and skipped':
    '{"malfamily": "Emotet", "malscore": 10.5e-1, "signatures": null, "x": true, "y": false, "info": -0}',
  'scalar last before the brace': '{"info": {}, "malscore": 42}',
  'escaped key names a kept section': '{"\\u0069nfo": {"id": 9}, "be\\"havior": {}}',
  'duplicate keys: the last one wins like JSON.parse': '{"info": {"id": 1}, "info": {"id": 2}}',
  'deep nesting in a skipped section': `{"behavior": ${deep(5000)}, "info": ${deep(40)}}`,
  'long indentation runs': `{"behavior": {${' '.repeat(1000)}"a":${'\n'.padEnd(333, ' ')}[${' '.repeat(77)}]}, "network":${' '.repeat(65)}{}}`,
};

/** Broken documents: each must fail with the same code and offset whatever the chunking. */
const INVALID: string[] = [
  '',
  '   ',
  '{"info": {"id": 1}, "network": {"hosts": ["198.51.100.7"',
  '{"behavior": "ends inside a string \\',
  '{"behavior": "ends after an escaped quote \\"',
  '{"a": 1} trailing',
  '{"a": [1, 2}}',
  '{"network": {"a": }}',
  '[1, 2]',
  '{"behavior": [1, 2, \u0007]}',
  '{"a": 1}}',
  '{"a": "x"\n"b": 1}',
];

async function allChunkings(input: string, options?: ReadReportOptions): Promise<unknown[]> {
  return Promise.all(CHUNK_SIZES.map(size => outcome(input, size, options)));
}

function expectedSections(text: string): Record<string, unknown> {
  const whole = JSON.parse(text) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const key of DEFAULT_SECTIONS) {
    if (key in whole) {
      kept[key] = whole[key];
    }
  }
  return kept;
}

describe('chunk-boundary safety', () => {
  for (const [name, text] of Object.entries(VALID)) {
    it(`reads "${name}" identically in 1-byte, 7-byte and 64 KiB chunks`, async () => {
      const [first, ...rest] = await allChunkings(text);
      for (const other of rest) {
        expect(other).toEqual(first);
      }
      expect(first).toMatchObject({
        ok: true,
        result: { sections: expectedSections(text), bytesRead: Buffer.byteLength(text) },
      });
    });
  }

  it('lists the skipped top-level keys once each, in order', async () => {
    const [result] = await allChunkings(VALID['pretty report with tricky strings'] ?? '');
    expect(result).toMatchObject({ result: { skippedSections: ['behavior', 'static'] } });
  });

  it('fails broken documents with the same code and offset in every chunking', async () => {
    for (const text of INVALID) {
      const [first, ...rest] = await allChunkings(text);
      expect(first).toMatchObject({ ok: false });
      for (const other of rest) {
        expect(other, JSON.stringify(text)).toEqual(first);
      }
    }
  });

  it('reads 200 random report-like documents like JSON.parse does, in every chunking', async () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { text } = randomReport(seed);
      const sizes = await allChunkings(text, { includeDropped: true });
      const expected = {
        ...expectedSections(text),
        ...('dropped' in JSON.parse(text) ? { dropped: JSON.parse(text).dropped } : {}),
      };
      for (const result of sizes) {
        expect(result, `seed ${seed}`).toMatchObject({ ok: true, result: { sections: expected } });
      }
    }
  });

  it('decodes multi-byte UTF-8 split at every position of a kept section', async () => {
    const text = '{"target": {"name": "é日😀"}}';
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      async function* twoChunks(): AsyncGenerator<Buffer> {
        yield Buffer.from(bytes.subarray(0, cut));
        yield Buffer.from(bytes.subarray(cut));
      }
      const { readReport } = await import('./read-report.js');
      expect((await readReport(twoChunks())).sections).toEqual({ target: { name: 'é日😀' } });
    }
  });
});
