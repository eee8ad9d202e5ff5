// Just enough multipart/form-data parsing for `createAndUpload` (parts `config` and `content`).
import { badRequest } from '../http/api-error.js';

/** The named parts of a multipart body. */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!contentType.toLowerCase().startsWith('multipart/form-data') || !marker) {
    throw badRequest('createAndUpload needs a multipart/form-data body');
  }
  const parts = new Map<string, Buffer>();
  const delimiter = Buffer.from(`--${marker.trim()}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') {
      break;
    }
    const end = body.indexOf(delimiter, start);
    const part = body.subarray(start, end < 0 ? body.length : end);
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) {
      const head = part.subarray(0, split).toString('utf8');
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      // The part's content ends before the CRLF that precedes the next delimiter.
      const content = part.subarray(split + 4, part.length - 2);
      if (name !== undefined) {
        parts.set(name, content);
      }
    }
    at = end;
  }
  return parts;
}
