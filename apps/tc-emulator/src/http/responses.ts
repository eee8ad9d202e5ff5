// The one place where response bodies and headers are built.
import type { ServerResponse } from 'node:http';

/** Which envelope a route speaks: v2 `{status, message}`, v3 `{errCode, message, status}`. */
export type ApiFlavour = 'v2' | 'v3';

/** A finished answer: status, JSON body (or raw bytes with their type), extra headers. */
export interface JsonResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Sent instead of `body` (batch error files, plain-text failures). */
  raw?: { contentType: string; data: Buffer };
}

/**
 * Builds every error answer: v3 routes get the errCode envelope, v2 and auth `Failure`, batch
 * uploads `{status: "Invalid", description}`, and `text` a plain-text body.
 */
export function errorResponse(
  flavour: ApiFlavour | 'auth' | 'batch' | 'text',
  status: number,
  message: string,
  options: { errCode?: string; headers?: Record<string, string> } = {},
): JsonResponse {
  const headers = options.headers ?? {};
  if (flavour === 'text') {
    return {
      status,
      body: null,
      headers,
      raw: { contentType: 'text/plain', data: Buffer.from(message) },
    };
  }
  const body =
    flavour === 'v3'
      ? { errCode: options.errCode ?? '0x1001', message, status: 'Error' }
      : flavour === 'batch'
        ? { status: 'Invalid', description: message }
        : { status: 'Failure', message };
  return { status, body, headers };
}

/** v3 success envelope; message is `Created`, `Updated` or absent for reads. */
export function v3Success(status: number, data: unknown, message?: string): JsonResponse {
  const body: Record<string, unknown> = { data };
  if (message !== undefined) {
    body.message = message;
  }
  body.status = 'Success';
  return { status, body };
}

/** v2 success envelope (`data` absent for association and label POSTs). */
export function v2Success(status: number, data?: unknown): JsonResponse {
  return { status, body: data === undefined ? { status: 'Success' } : { status: 'Success', data } };
}

/** Writes a JSON answer with `Content-Type: application/json` exactly (clients compare it). */
export function sendJson(res: ServerResponse, response: JsonResponse): void {
  const data = response.raw?.data ?? Buffer.from(JSON.stringify(response.body), 'utf8');
  res.writeHead(response.status, {
    ...response.headers,
    'Content-Type': response.raw?.contentType ?? 'application/json',
    'Content-Length': data.length,
  });
  res.end(data);
}
