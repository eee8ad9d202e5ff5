// Reads and parses request bodies; a body that is not JSON is a 400, not a crash.
import type { IncomingMessage } from 'node:http';
import { ApiError, MALFORMED_MESSAGE } from './api-error.js';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The whole body as a Buffer (413 above 8 MiB). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new ApiError(413, 'The request body is too large');
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; empty is undefined, anything unparsable is a 400. */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, MALFORMED_MESSAGE);
  }
}

/** True when a body of this Content-Type is parsed as JSON before the handler runs. */
export function isJsonContent(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type !== 'application/octet-stream' && !type.startsWith('multipart/');
}
