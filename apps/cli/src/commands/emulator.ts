import { parseArgs } from 'node:util';
import { createEmulator, DEFAULT_USER, type EmulatorOptions } from '@cuckoo-tc/tc-emulator';
import { EXIT, type Command } from '../command.js';
import { readStructuredFile } from '../read-structured-file.js';
import { UsageError } from '../usage-error.js';

function parsePort(text: string | undefined): number {
  const port = Number(text ?? '8810');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`emulator: --port must be 0..65535, got ${text}`);
  }
  return port;
}

/** `cuckoo-tc emulator`: the strict local ThreatConnect API, until stopped. */
export const emulatorCommand: Command = {
  name: 'emulator',
  summary: 'start the local ThreatConnect emulator (for trials, tests and the demo)',
  usage: `Usage: cuckoo-tc emulator [--port N] [--host H] [--config FILE] [--state-file FILE]

Starts a strict stand-in for the ThreatConnect API at http://HOST:PORT/api (default
127.0.0.1:8810): HMAC and token auth, owners, attribute types, security labels, exclusion
lists, validation, throttling and faults. --config takes a JSON or YAML file of emulator
options (users, owners, exclusions, rateLimit, faults); --state-file keeps its data across
restarts. Inspect it at /_emulator/state; change faults with POST /_emulator/config.`,
  async run(context) {
    let values;
    try {
      ({ values } = parseArgs({
        args: context.argv,
        options: {
          port: { type: 'string' },
          host: { type: 'string' },
          config: { type: 'string' },
          'state-file': { type: 'string' },
        },
        strict: true,
      }));
    } catch (error) {
      throw new UsageError(`emulator: ${(error as Error).message.split('\n')[0]}`);
    }
    const fromFile = values.config
      ? ((await readStructuredFile(values.config, 'emulator config')) as EmulatorOptions)
      : {};
    const emulator = await createEmulator({
      ...fromFile,
      host: values.host ?? fromFile.host ?? '127.0.0.1',
      port:
        values.port === undefined && fromFile.port !== undefined
          ? fromFile.port
          : parsePort(values.port),
      ...(values['state-file'] ? { stateFile: values['state-file'] } : {}),
    });
    const builtIn = fromFile.users === undefined;
    context.stdout.write(`ThreatConnect emulator listening at ${emulator.url}\n`);
    if (builtIn) {
      context.stdout.write(
        `  built-in API user: TC_API_URL=${emulator.url} TC_ACCESS_ID=${DEFAULT_USER.accessId} TC_SECRET_KEY=${DEFAULT_USER.secretKey} TC_OWNER='${DEFAULT_USER.defaultOwner}'\n`,
      );
    }
    context.stdout.write(`  inspect: ${emulator.url.replace(/\/api$/, '')}/_emulator/state\n`);
    const signal = await (context.stopSignal ?? new Promise<string>(() => undefined));
    context.stderr.write(`emulator: ${signal}, stopping\n`);
    await emulator.close();
    return EXIT.ok;
  },
};
