/** Why a report could not be read; every code is a property of the document or its source. */
export type ReportReadErrorCode =
  | 'REPORT_EMPTY'
  | 'REPORT_INVALID_JSON'
  | 'REPORT_TRUNCATED'
  | 'REPORT_TRAILING_DATA'
  | 'REPORT_NOT_OBJECT'
  | 'REPORT_TOO_LARGE'
  | 'REPORT_UNREADABLE';

/** Constructor options of {@link ReportReadError}. */
export interface ReportReadErrorOptions {
  code: ReportReadErrorCode;
  /** Byte offset in the input where the problem was found. */
  offset: number;
  /** Best-effort location, e.g. the top-level key being read. */
  path?: string | undefined;
  cause?: unknown;
}

/** The one error the report reader throws for a bad or unreadable report. */
export class ReportReadError extends Error {
  override readonly name = 'ReportReadError';
  readonly code: ReportReadErrorCode;
  readonly offset: number;
  readonly path: string | undefined;
  /** Re-reading the same bytes gives the same failure, so the queue should not retry. */
  readonly permanent = true;

  constructor(message: string, options: ReportReadErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.offset = options.offset;
    this.path = options.path;
  }
}

/** True for a {@link ReportReadError}, also across module copies (matched by name). */
export function isReportReadError(value: unknown): value is ReportReadError {
  return (
    value instanceof ReportReadError ||
    (value instanceof Error &&
      value.name === 'ReportReadError' &&
      'code' in value &&
      'offset' in value)
  );
}

/** Builds the one-line " inside "key"" suffix used by every message. */
export function describeWhere(path: string | undefined): string {
  return path === undefined ? '' : ` inside ${JSON.stringify(path)}`;
}
