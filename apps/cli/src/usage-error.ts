/** Wrong command-line usage: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** True for a {@link UsageError}, also across module copies. */
export function isUsageError(value: unknown): value is UsageError {
  return value instanceof Error && value.name === 'UsageError';
}
