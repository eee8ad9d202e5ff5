// The seed-pattern client must replay the old module's calls exactly (threatconnect-api.md §2.2),
// or the benchmarks compare against the wrong baseline: checked call by call on the emulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_USER, type Emulator } from '@cuckoo-tc/tc-emulator';
import { SeedClient } from './seed-client.js';
import type { SeedAnalysis } from './seed-analysis.js';

const MD5 = '13b531e002971cffa90ad1363f3c54b2';

const analysis: SeedAnalysis = {
  taskId: 42,
  name: 'Cuckoo Analysis 20240312: Invoice.exe',
  sourceLink: 'http://sandbox.example/analysis/42/',
  network: [
    { path: 'addresses', field: 'ip', value: '203.0.113.10' },
    { path: 'urls', field: 'text', value: 'http://invoices.example.com/a?b=c&d=(e)' },
  ],
  file: {
    md5: MD5,
    sha1: null,
    sha256: '4bd441eb2eef9f5bca2c91f22b899b0d16f515439f8f772c4e54266b786c69a6',
    size: 184320,
    fileName: 'Invoice.exe',
    date: '2024-03-12',
  },
};

describe('SeedClient', () => {
  let emulator: Emulator;
  let seed: SeedClient;

  beforeAll(async () => {
    emulator = await createEmulator();
    seed = new SeedClient({
      baseUrl: emulator.url,
      ...DEFAULT_USER,
      owner: DEFAULT_USER.defaultOwner,
    });
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  it('makes 2N + 7 calls for N indicators (network ones and a file) in the old module routes', async () => {
    const tally = await seed.deliver(analysis);

    expect(tally).toEqual({ calls: 13, failures: 0 });
    expect(emulator.state().requests.byRoute).toEqual({
      'POST /v2/groups/incidents': 1,
      'POST /v2/groups/incidents/{id}/attributes': 2,
      'GET /v2/groups/incidents/{id}/attributes': 1,
      'POST /v2/groups/incidents/{id}/attributes/{attributeId}/securityLabels/{label}': 2,
      'POST /v2/indicators/{type}': 3,
      'POST /v2/indicators/files/{hash}/fileOccurrences': 1,
      'POST /v2/indicators/{type}/{value}/groups/incidents/{id}': 3,
    });
  });

  it('leaves one labelled incident with every indicator associated', async () => {
    await seed.deliver(analysis);

    const { groups, indicators } = emulator.state();
    expect(groups).toHaveLength(1);
    const [incident] = groups;
    expect(incident?.attributes.map(a => [a.type, String(a.value), a.securityLabels])).toEqual([
      ['Analysis ID', '42', ['DO NOT SHARE']],
      ['Source', 'http://sandbox.example/analysis/42/', ['DO NOT SHARE']],
    ]);
    expect(incident?.associatedIndicatorIds).toHaveLength(3);
    expect(indicators.map(i => i.type).sort()).toEqual(['Address', 'File', 'URL']);
  });

  it('skips the association of an indicator the exclusion list refused, as the seed meant to', async () => {
    const excluded: SeedAnalysis = {
      ...analysis,
      network: [{ path: 'addresses', field: 'ip', value: '192.168.56.101' }],
      file: null,
    };

    const tally = await seed.deliver(excluded);

    expect(tally).toEqual({ calls: 7, failures: 1 });
    expect(emulator.state().groups[0]?.associatedIndicatorIds).toEqual([]);
  });
});
