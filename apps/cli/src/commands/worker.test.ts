import { describe, expect, it } from 'vitest';
import { runCliForTest } from '../run-cli-for-test.js';

describe('cuckoo-tc worker', () => {
  it('refuses to start without ThreatConnect settings, saying which key and how to set it', async () => {
    const run = await runCliForTest(['worker'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^cuckoo-tc worker: threatconnect\.apiUrl is not set; 'worker' .*TC_API_URL/,
    );
  });

  it('rejects an unknown role as a usage error', async () => {
    const run = await runCliForTest(['worker', '--role', 'parse,bogus'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/worker\.roles/);
  });
});
