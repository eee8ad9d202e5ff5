// `cuckoo-tc worker` from source in its own process (configuration from the environment), so the
// benchmarks can run several worker processes without a build.
import { runCli } from '@cuckoo-tc/cli';

const stopSignal = new Promise<string>(resolve => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => resolve(signal));
  }
});
process.exitCode = await runCli(['worker'], {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stopSignal,
});
