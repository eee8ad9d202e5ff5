import { schemaLeaves } from './schema-leaves.js';

/** Option definitions (node:util parseArgs style) every command accepts for configuration. */
export const configArgOptions: Record<string, { type: 'string'; multiple?: boolean }> = {
  config: { type: 'string' },
  set: { type: 'string', multiple: true },
  ...Object.fromEntries(
    schemaLeaves
      .filter(leaf => leaf.arg)
      .map(leaf => [leaf.arg as string, { type: 'string' as const }]),
  ),
};

/** Parsed command-line values that concern configuration (other options are ignored). */
export type ConfigArgs = Record<string, string | string[] | boolean | undefined>;
