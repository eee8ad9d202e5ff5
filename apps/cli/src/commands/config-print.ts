import { maskSecrets } from '@cuckoo-tc/config';
import { stringify as toYaml } from 'yaml';
import { EXIT, type Command } from '../command.js';
import { loadCommandConfig } from '../load-command-config.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

/** `cuckoo-tc config print`: the effective configuration, secrets masked. */
export const configCommand: Command = {
  name: 'config',
  summary: 'show the effective configuration (secrets masked)',
  usage: `Usage: cuckoo-tc config print [--json] [--origins] [--config FILE] [--set key=value ...]

Prints the configuration every other command would use, after defaults, the config file
(--config or CUCKOO_TC_CONFIG), reporting.conf [threatconnect-report], the environment and
arguments. Secrets are shown as ******** when set and null when not.
  --json      print JSON instead of YAML
  --origins   also list where each non-default value came from`,
  async run(context) {
    const args = parseCommandArgs(
      'config',
      context.argv,
      { json: { type: 'boolean' }, origins: { type: 'boolean' } },
      true,
    );
    if (args.positionals[0] !== 'print' || args.positionals.length > 1) {
      throw new UsageError(
        `expected 'config print', got '${['config', ...args.positionals].join(' ')}'`,
      );
    }
    const { config, origins } = await loadCommandConfig(context, args);
    const masked = maskSecrets(config);
    context.stdout.write(
      args.values.json ? `${JSON.stringify(masked, null, 2)}\n` : toYaml(masked),
    );
    if (args.values.origins) {
      context.stdout.write(
        args.values.json
          ? `${JSON.stringify(Object.fromEntries(origins), null, 2)}\n`
          : `# origins\n${toYaml(Object.fromEntries(origins))}`,
      );
    }
    return EXIT.ok;
  },
};
