import type { Command } from './command.js';

/** The top-level help text. */
export function topLevelHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map(command => command.name.length));
  const lines = commands.map(command => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `cuckoo-tc ${version} — delivers finished Cuckoo/CAPE analyses to ThreatConnect

Usage: cuckoo-tc <command> [options]

Commands:
${lines.join('\n')}

Every command accepts --config FILE (JSON or YAML; also CUCKOO_TC_CONFIG), --set key=value,
and reads the environment (REDIS_URL, TC_API_URL, TC_ACCESS_ID, TC_SECRET_KEY, TC_OWNER, ...).
Run 'cuckoo-tc <command> --help' for a command's options, 'cuckoo-tc config print' for the
effective configuration. Exit codes: 0 ok, 1 failure, 2 usage or configuration error.
`;
}
