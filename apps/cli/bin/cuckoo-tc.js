#!/usr/bin/env node
// Entry of the `cuckoo-tc` command: runs the built CLI, or explains how to build it.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    'cuckoo-tc is not built yet: run `npm run build` in the repository root (npm ci does it too).\n',
  );
  process.exit(1);
}
const { runCli } = await import(main.href);
// Long-running commands (worker, producer, dashboard, emulator, run) await this to shut down.
const stopSignal = new Promise(resolve => {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => resolve(signal));
  }
});
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stopSignal,
});
// Every command closes what it opened before it returns. Should a handle still hold the process
// (a bug), leave anyway, saying so, instead of lingering until SIGKILL.
setTimeout(() => {
  process.stderr.write('cuckoo-tc: something was still open after the command ended; exiting\n');
  process.exit();
}, 5_000).unref();
