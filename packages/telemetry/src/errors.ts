/** Base class of every error raised by @cuckoo-tc/telemetry. */
export class TelemetryError extends Error {
  override name = 'TelemetryError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Raised when the /metrics port is taken, typically by a second cuckoo-tc process on the same
 * host with the default port: a configuration problem the operator fixes per process.
 */
export class MetricsPortInUseError extends TelemetryError {
  override name = 'MetricsPortInUseError';
}

function hasName(err: unknown, names: readonly string[]): boolean {
  return err instanceof Error && names.includes(err.name);
}

/** True for any error of this package, also across realms (matched by name). */
export function isTelemetryError(err: unknown): err is TelemetryError {
  return err instanceof TelemetryError || hasName(err, ['TelemetryError', 'MetricsPortInUseError']);
}

/** True when the /metrics port was already taken. */
export function isMetricsPortInUseError(err: unknown): err is MetricsPortInUseError {
  return err instanceof MetricsPortInUseError || hasName(err, ['MetricsPortInUseError']);
}
