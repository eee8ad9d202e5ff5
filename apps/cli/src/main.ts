import { isConfigError } from '@cuckoo-tc/config';
import { isDashboardPortInUseError } from '@cuckoo-tc/dashboard';
import { isMetricsPortInUseError } from '@cuckoo-tc/telemetry';
import { EXIT, type CommandContext } from './command.js';
import { commands } from './commands/index.js';
import { topLevelHelp } from './help.js';
import { isUsageError } from './usage-error.js';
import { productVersion } from './version.js';

/** Runs one `cuckoo-tc` invocation and resolves to its exit code; errors become one line. */
export async function runCli(argv: string[], io: Omit<CommandContext, 'argv'>): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(topLevelHelp(commands, productVersion()));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${productVersion()}\n`);
    return EXIT.ok;
  }
  const command = commands.find(candidate => candidate.name === name);
  if (!command) {
    io.stderr.write(`cuckoo-tc: unknown command '${name}' (see cuckoo-tc --help)\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run({ ...io, argv: rest });
  } catch (error) {
    io.stderr.write(`cuckoo-tc ${name}: ${oneLine(error, name)}\n`);
    return isUsageOrConfiguration(error) ? EXIT.usage : EXIT.failure;
  }
}

/** Errors the operator fixes in the command line or configuration: exit code 2. */
function isUsageOrConfiguration(error: unknown): boolean {
  // A taken port: a second process on the host needs its own metrics.port / dashboard.port.
  return (
    isConfigError(error) ||
    isUsageError(error) ||
    isMetricsPortInUseError(error) ||
    isDashboardPortInUseError(error)
  );
}

/** The first line of the message, without a repeated `<command>: ` (the prefix is printed once). */
function oneLine(error: unknown, command: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? 'failed';
  return first.startsWith(`${command}: `) ? first.slice(command.length + 2) : first;
}
