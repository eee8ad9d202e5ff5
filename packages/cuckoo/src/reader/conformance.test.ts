// Conformance against the real reports in the shared fixture folder (never copied into the repo):
// every kept section must equal what JSON.parse gives for the same key of the whole file.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SHARED_FIXTURES_DIR, sharedFixtureReports } from '@cuckoo-tc/testing';
import { describe, expect, it } from 'vitest';
import { inChunks } from './__fixtures__/chunks.js';
import { readReport } from './read-report.js';
import { DEFAULT_SECTIONS, type SectionName } from './sections.js';

const FIXTURES = SHARED_FIXTURES_DIR;
const files = sharedFixtureReports();
const present = files.length > 0;
const KEPT: SectionName[] = [...DEFAULT_SECTIONS, 'dropped'];

// The fixture folder lives outside the repo; without it there is nothing to compare against.
describe.skipIf(!present)(
  `conformance with the real reports in ${FIXTURES} (skipped when absent)`,
  () => {
    it('finds fixture reports to check', () => {
      expect(files.length).toBeGreaterThan(0);
    });

    for (const name of files) {
      it(`${name}: kept sections equal JSON.parse of the whole file`, async () => {
        const path = join(FIXTURES, name);
        const bytes = await readFile(path);
        const whole = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
        const expected = Object.fromEntries(
          KEPT.filter(key => key in whole).map(key => [key, whole[key]]),
        );
        const skipped = Object.keys(whole).filter(key => !(KEPT as string[]).includes(key));

        const fromPath = await readReport(path, { includeDropped: true });
        expect(fromPath.sections).toEqual(expected);
        expect(fromPath.bytesRead).toBe(bytes.length);
        expect([...fromPath.skippedSections].sort()).toEqual(skipped.sort());

        const fromOddChunks = await readReport(inChunks(bytes, 4099), { includeDropped: true });
        expect(fromOddChunks).toEqual(fromPath);
      });
    }
  },
);
