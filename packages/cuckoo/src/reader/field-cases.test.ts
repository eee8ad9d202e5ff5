// Field cases BUG-24 (report.json is not one valid JSON document) and BUG-26 (lone surrogates and
// raw non-UTF-8 bytes inside report.json); inputs copied verbatim from the case files.
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZES, errorOf, outcome } from './__fixtures__/chunks.js';

const BUG_24_RAW =
  '{"info": {"id": 1124, "version": "2.0.7"}, "target": {"category": "file", "file": {"name": "a.exe", "sha256": "1288365c4796d54080d319973da66e9005f44a292a35620ef423a51c648c13ac"}}, "network": {"hosts": ["198.51.100.7"]}}\n            }\n        ]\n    }\n}ion"\n    }\n}\n';
const BUG_24_TRUNCATED = '{"info": {"id": 1124}, "network": {"hosts": ["198.51.100.7"';

const BUG_26_BASE64 =
  'eyJpbmZvIjogeyJpZCI6IDExMjYsICJ2ZXJzaW9uIjogIjIuMC43In0sICJ0YXJnZXQiOiB7ImNhdGVnb3J5IjogImZpbGUiLCAiZmlsZSI6IHsibmFtZSI6ICJiLmV4ZSIsICJzaGEyNTYiOiAiNWVjODcwZDc5NGE0YzBmYzkwY2ZkOTQ5ODRkNTljYjFlMjMwNDdjODEzZmExY2Y5Y2NiMTkzM2Y1MTU5MWJhMyJ9fSwgIm5ldHdvcmsiOiB7ImljbXAiOiBbeyJzcmMiOiAiMTkyLjE2OC41Ni4xMDEiLCAiZHN0IjogIjIwMy4wLjExMy42NiIsICJ0eXBlIjogOCwgImRhdGEiOiAiqtMpNiUifV0sICJkbnMiOiBbeyJyZXF1ZXN0IjogImdvb2QuZXhhbXBsZS5uZXQiLCAidHlwZSI6ICJBIiwgImFuc3dlcnMiOiBbeyJ0eXBlIjogIkEiLCAiZGF0YSI6ICIyMDMuMC4xMTMuNjYifV19LCB7InJlcXVlc3QiOiAiYmFkXHVkYzhmLmV4YW1wbGUubmV0IiwgInR5cGUiOiAiQSIsICJhbnN3ZXJzIjogW119XX19Cg==';

describe('BUG-24: report.json is not one valid JSON document', () => {
  it('rejects leftovers after the closing brace, naming the byte offset', async () => {
    const error = await errorOf(BUG_24_RAW);
    const offset = BUG_24_RAW.indexOf('}\n            }') + 14;
    expect(error).toMatchObject({ code: 'REPORT_TRAILING_DATA', offset });
    expect(error.message).toContain(`at byte ${offset}`);
  });

  it('rejects the empty variant as REPORT_EMPTY at byte 0', async () => {
    const error = await errorOf('');
    expect(error).toMatchObject({ code: 'REPORT_EMPTY', offset: 0 });
    expect(error.message).toContain('at byte 0');
  });

  it('rejects the truncated variant as REPORT_TRUNCATED at the end of input, inside "network"', async () => {
    const error = await errorOf(BUG_24_TRUNCATED);
    expect(error).toMatchObject({
      code: 'REPORT_TRUNCATED',
      offset: BUG_24_TRUNCATED.length,
      path: 'network',
    });
    expect(error.message).toBe(
      `report is truncated: input ended at byte ${BUG_24_TRUNCATED.length} inside "network"`,
    );
  });

  it('reports the same failure whatever the chunk size', async () => {
    for (const input of [BUG_24_RAW, '', BUG_24_TRUNCATED]) {
      const results = await Promise.all(CHUNK_SIZES.map(size => outcome(input, size)));
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
    }
  });
});

describe('BUG-26: lone surrogates and raw non-UTF-8 bytes inside strings', () => {
  const bytes = Buffer.from(BUG_26_BASE64, 'base64');

  it('holds the raw bytes the case describes', () => {
    expect(bytes.includes(Buffer.from([0xaa, 0xd3]))).toBe(true);
    expect(bytes.includes(Buffer.from('\\udc8f'))).toBe(true);
  });

  it('parses: raw bytes decode leniently to U+FFFD and the lone surrogate survives as a string', async () => {
    for (const size of CHUNK_SIZES) {
      const result = await outcome(bytes, size);
      if (!result.ok) {
        throw new Error(`chunk size ${size}: ${result.message}`);
      }
      const network = result.result.sections.network as {
        icmp: Array<{ data: string }>;
        dns: Array<{ request: string }>;
      };
      expect(network.icmp[0]?.data).toBe('\ufffd\ufffd)6%');
      expect(network.dns.map(d => d.request)).toEqual([
        'good.example.net',
        'bad\udc8f.example.net',
      ]);
      expect(network.dns[1]?.request.charCodeAt(3)).toBe(0xdc8f);
      expect(result.result.sections.target).toMatchObject({
        file: { sha256: '5ec870d794a4c0fc90cfd94984d59cb1e23047c813fa1cf9ccb1933f51591ba3' },
      });
    }
  });
});
