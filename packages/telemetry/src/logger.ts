import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Component name on every line, e.g. `worker` or `producer`. */
  name: string;
  /** @defaultValue 'info' */
  level?: string;
  /** Where lines go; standard output when omitted. */
  destination?: DestinationStream;
}

/**
 * Field paths that may carry secrets anywhere in a log call; pino replaces them before
 * serialising, so a careless `log.info({ config })` cannot leak a key.
 */
export const REDACTED_PATHS = [
  'secretKey',
  'apiToken',
  'password',
  'token',
  'authorization',
  'Authorization',
  '*.secretKey',
  '*.apiToken',
  '*.password',
  '*.token',
  '*.authorization',
  '*.Authorization',
  '*.*.secretKey',
  '*.*.apiToken',
  '*.*.password',
  '*.*.token',
  'headers.authorization',
  'config.headers.Authorization',
];

/** A structured JSON logger; bind analysis and job ids with `logger.child({ analysisId, jobId })`. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: label => ({ level: label }) },
    },
    options.destination,
  );
}
