/**
 * The structured logger the producer writes to: fields first, then the message, which is the
 * shape of pino's methods, so a pino logger (or a child of one) can be passed as is.
 */
export interface ProducerLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: ProducerLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Epoch milliseconds; injected so tests and the settle logic do not depend on the wall clock. */
export type Clock = () => number;
