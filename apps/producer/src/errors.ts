/** Base class of the producer's errors. */
export class ProducerError extends Error {
  override name = 'ProducerError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The Cuckoo/CAPE REST API answered badly or not at all. */
export class SandboxApiError extends ProducerError {
  override name = 'SandboxApiError';
  /** HTTP status, when there was a response. */
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/** A manual enqueue named something that is not a task (bad path, no report, bad range). */
export class EnqueueInputError extends ProducerError {
  override name = 'EnqueueInputError';
}

const NAMES = ['ProducerError', 'SandboxApiError', 'EnqueueInputError'];

/** True for any producer error, also matched by name across realms. */
export function isProducerError(err: unknown): err is ProducerError {
  return err instanceof ProducerError || (err instanceof Error && NAMES.includes(err.name));
}

/** True for a sandbox API failure. */
export function isSandboxApiError(err: unknown): err is SandboxApiError {
  return err instanceof SandboxApiError || (err instanceof Error && err.name === 'SandboxApiError');
}

/** True for a bad manual enqueue input. */
export function isEnqueueInputError(err: unknown): err is EnqueueInputError {
  return (
    err instanceof EnqueueInputError || (err instanceof Error && err.name === 'EnqueueInputError')
  );
}
