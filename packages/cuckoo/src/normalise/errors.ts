/** Why a readable report still cannot be turned into an analysis record. */
export type ReportContentErrorCode = 'REPORT_NO_ANALYSIS_ID';

/** A report that parsed but lacks what every delivery needs; permanent, retrying cannot help. */
export class ReportContentError extends Error {
  override readonly name = 'ReportContentError';
  readonly code: ReportContentErrorCode;
  /** JSON path of the missing or unusable value. */
  readonly path: string;
  readonly permanent = true;

  constructor(message: string, code: ReportContentErrorCode, path: string) {
    super(message);
    this.code = code;
    this.path = path;
  }
}

/** True for a {@link ReportContentError}, also across module copies (matched by name). */
export function isReportContentError(value: unknown): value is ReportContentError {
  return (
    value instanceof ReportContentError ||
    (value instanceof Error && value.name === 'ReportContentError' && 'code' in value)
  );
}

/** Invalid normalisation options (a configuration error, raised before any report is read). */
export class NormaliseOptionsError extends Error {
  override readonly name = 'NormaliseOptionsError';
}

/** True for a {@link NormaliseOptionsError}, also across module copies (matched by name). */
export function isNormaliseOptionsError(value: unknown): value is NormaliseOptionsError {
  return (
    value instanceof NormaliseOptionsError ||
    (value instanceof Error && value.name === 'NormaliseOptionsError')
  );
}
