/**
 * A configuration problem: one line naming the key and where its value came from.
 * Commands exit with code 2 on it.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly exitCode = 2;

  constructor(
    message: string,
    readonly key: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True for a {@link ConfigError}, also across module copies. */
export function isConfigError(value: unknown): value is ConfigError {
  return value instanceof ConfigError || (value instanceof Error && value.name === 'ConfigError');
}
