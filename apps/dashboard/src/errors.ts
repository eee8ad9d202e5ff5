/** Base class of every error raised by @cuckoo-tc/dashboard. */
export class DashboardError extends Error {
  override name = 'DashboardError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The dashboard was asked to listen where others can reach it without credentials. Bull Board
 * can retry, clean and obliterate queues, so an open board is an open Redis.
 */
export class InsecureBindingError extends DashboardError {
  override name = 'InsecureBindingError';
}

/** The credentials are incomplete or unusable (a user without a password, an empty token). */
export class CredentialsError extends DashboardError {
  override name = 'CredentialsError';
}

/** The dashboard port is taken (often by another dashboard or `run` on the same host). */
export class DashboardPortInUseError extends DashboardError {
  override name = 'DashboardPortInUseError';
}

function hasName(err: unknown, names: readonly string[]): boolean {
  return err instanceof Error && names.includes(err.name);
}

/** True for any error of this package, also across module copies (matched by name). */
export function isDashboardError(err: unknown): err is DashboardError {
  return (
    err instanceof DashboardError ||
    hasName(err, [
      'DashboardError',
      'InsecureBindingError',
      'CredentialsError',
      'DashboardPortInUseError',
    ])
  );
}

/** True when the dashboard refused a reachable address without credentials. */
export function isInsecureBindingError(err: unknown): err is InsecureBindingError {
  return err instanceof InsecureBindingError || hasName(err, ['InsecureBindingError']);
}

/** True when the configured credentials cannot be used. */
export function isCredentialsError(err: unknown): err is CredentialsError {
  return err instanceof CredentialsError || hasName(err, ['CredentialsError']);
}

/** True when the dashboard port was already taken. */
export function isDashboardPortInUseError(err: unknown): err is DashboardPortInUseError {
  return err instanceof DashboardPortInUseError || hasName(err, ['DashboardPortInUseError']);
}
