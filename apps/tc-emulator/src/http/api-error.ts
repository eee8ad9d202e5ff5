// Handlers throw ApiError; the dispatcher turns it into a response with errorResponse().

/** A failure with the HTTP status and the message ThreatConnect would send. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly errCode = '0x1001',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** True for an ApiError, also across module copies (matched by name). */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError || (value instanceof Error && value.name === 'ApiError');
}

/** 400 with a message. */
export function badRequest(message: string, errCode?: string): ApiError {
  return new ApiError(400, message, errCode);
}

/** Message of every 404 for a missing object. */
export const NOT_FOUND_MESSAGE = 'The requested resource was not found';

/** 404 for a missing object. */
export function notFound(): ApiError {
  return new ApiError(404, NOT_FOUND_MESSAGE);
}

/** Message of a body that is not what the route expects. */
export const MALFORMED_MESSAGE = 'The request was not properly formed';
