import { createHmac } from 'node:crypto';

/** What {@link signRequest} needs: the request-target exactly as it goes on the wire. */
export interface SignRequestInput {
  /** HTTP method; upper-cased before signing. */
  method: string;
  /** Encoded path (base prefix such as `/api` included) plus `?query` when there is one. */
  pathWithQuery: string;
  /** Unix epoch seconds, sent verbatim in the `Timestamp` header. */
  timestamp: number | string;
  accessId: string;
  secretKey: string;
}

/**
 * Computes ThreatConnect's HMAC `Authorization` header value (`TC <accessId>:<base64 sig>`) over
 * `<pathWithQuery>:<METHOD>:<timestamp>`. Pure: the caller supplies the timestamp.
 */
export function signRequest(input: SignRequestInput): string {
  const message = `${input.pathWithQuery}:${input.method.toUpperCase()}:${String(input.timestamp)}`;
  const signature = createHmac('sha256', input.secretKey).update(message, 'utf8').digest('base64');
  return `TC ${input.accessId}:${signature}`;
}
