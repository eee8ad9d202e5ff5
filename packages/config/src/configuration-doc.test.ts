import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderConfigurationDoc } from './configuration-doc.js';
import { schemaLeaves } from './schema-leaves.js';

describe('docs/CONFIGURATION.md', () => {
  it('documents every key with a doc string and an environment variable', () => {
    for (const leaf of schemaLeaves) {
      expect(leaf.doc, leaf.path).not.toBe('');
      expect(leaf.env, leaf.path).toBeDefined();
    }
  });

  it('is current with the schema (regenerate with npm run docs:config)', async () => {
    const onDisk = await readFile(
      new URL('../../../docs/CONFIGURATION.md', import.meta.url),
      'utf8',
    );
    expect(onDisk).toBe(renderConfigurationDoc());
  });
});
