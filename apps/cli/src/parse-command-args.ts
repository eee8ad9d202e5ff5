import { parseArgs, type ParseArgsConfig } from 'node:util';
import { configArgOptions, type ConfigArgs } from '@cuckoo-tc/config';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed arguments of one command: its own options, configuration options and positionals. */
export interface CommandArgs {
  values: ConfigArgs;
  positionals: string[];
}

/**
 * Parses a command's arguments strictly: its own options plus the configuration options every
 * command accepts (--config, --set, and the per-key flags). Unknown options are usage errors.
 */
export function parseCommandArgs(
  command: string,
  argv: string[],
  options: Options = {},
  allowPositionals = false,
): CommandArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...configArgOptions, ...options },
      allowPositionals,
      strict: true,
    });
    return { values: values as ConfigArgs, positionals };
  } catch (error) {
    throw new UsageError(
      `${command}: ${(error as Error).message.split('\n')[0]} (see cuckoo-tc ${command} --help)`,
    );
  }
}
