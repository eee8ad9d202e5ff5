/** Base of every error this package throws. */
export class IndicatorsError extends Error {
  override name = 'IndicatorsError';
}

/** Invalid filter or incident options (a configuration error, raised before any report). */
export class IndicatorOptionsError extends IndicatorsError {
  override name = 'IndicatorOptionsError';
}

/** True for any {@link IndicatorsError}, also across module copies (matched by name). */
export function isIndicatorsError(value: unknown): value is IndicatorsError {
  return (
    value instanceof IndicatorsError ||
    (value instanceof Error &&
      (value.name === 'IndicatorsError' || value.name === 'IndicatorOptionsError'))
  );
}

/** True for an {@link IndicatorOptionsError}, also across module copies (matched by name). */
export function isIndicatorOptionsError(value: unknown): value is IndicatorOptionsError {
  return (
    value instanceof IndicatorOptionsError ||
    (value instanceof Error && value.name === 'IndicatorOptionsError')
  );
}
