import { loadConfig, type LoadedConfig } from '@cuckoo-tc/config';
import type { CommandContext } from './command.js';
import type { CommandArgs } from './parse-command-args.js';

/** Loads the configuration for a command and prints the loader's notes to stderr. */
export async function loadCommandConfig(
  context: CommandContext,
  args: CommandArgs,
): Promise<LoadedConfig> {
  const loaded = await loadConfig({ env: context.env, args: args.values });
  for (const warning of loaded.warnings) {
    context.stderr.write(`warning: ${warning}\n`);
  }
  return loaded;
}
