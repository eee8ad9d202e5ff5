import { PassThrough } from 'node:stream';
import { runCli } from './main.js';

/** Result of one in-process CLI run, for tests. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `cuckoo-tc <argv>` in-process with captured output and the given environment. */
export async function runCliForTest(
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (chunk: Buffer) => chunks.out.push(chunk));
  stderr.on('data', (chunk: Buffer) => chunks.err.push(chunk));
  const code = await runCli(argv, { env, stdout, stderr });
  return {
    code,
    stdout: Buffer.concat(chunks.out).toString(),
    stderr: Buffer.concat(chunks.err).toString(),
  };
}
