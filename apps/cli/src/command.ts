/** What a command gets from the process: arguments after its name, environment, output streams. */
export interface CommandContext {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running commands await it. */
  stopSignal?: Promise<string>;
}

/** One `cuckoo-tc` command. `run` resolves to the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(context: CommandContext): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
