import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real Cuckoo/CAPE reports kept beside the project (`../shared/fixtures/cuckoo` from the
 * repository root). They are someone else's data and never part of the repository, so tests over
 * them skip, saying why, where the folder is absent (a user's clone).
 */
export const SHARED_FIXTURES_DIR = path.resolve(
  fileURLToPath(new URL('../../../../shared/fixtures/cuckoo', import.meta.url)),
);

/** The report files of {@link SHARED_FIXTURES_DIR}, sorted; empty when the folder is absent. */
export function sharedFixtureReports(): string[] {
  return existsSync(SHARED_FIXTURES_DIR)
    ? readdirSync(SHARED_FIXTURES_DIR)
        .filter(name => name.endsWith('.json'))
        .sort()
    : [];
}

/** Says, once, why the real-report tests are skipped. */
export function noteMissingSharedFixtures(): void {
  if (sharedFixtureReports().length === 0) {
    process.stderr.write(
      `${SHARED_FIXTURES_DIR} is absent: tests over the real shared reports are skipped\n`,
    );
  }
}
