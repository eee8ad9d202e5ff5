// Test helper: sends raw, independently signed requests to an emulator. It re-implements the
// ThreatConnect signature with node:crypto on purpose, so the emulator is never checked
// against its own code (nor against our client package).
import { createHmac } from 'node:crypto';
import { request } from 'node:http';

/** Credentials of the emulator's default user. */
export const DEFAULT_CREDENTIALS = {
  accessId: 'emulator-access-id',
  secretKey: 'emulator-secret-key',
};

/** One raw request; `target` is appended to the base path verbatim (already encoded). */
export interface TcRequest {
  method?: string;
  target: string;
  body?: unknown;
  rawBody?: string;
  accessId?: string;
  secretKey?: string;
  /** Epoch seconds; defaults to now. */
  timestamp?: string | number;
  token?: string;
  /** Overrides the computed Authorization header (null sends none). */
  authorization?: string | null;
  headers?: Record<string, string>;
}

/** What came back. */
export interface TcResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  raw: Buffer;
  // Tests read arbitrary JSON shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** base64 HMAC-SHA256 of `<target>:<METHOD>:<timestamp>`. */
export function tcSignature(
  secret: string,
  target: string,
  method: string,
  timestamp: string,
): string {
  return createHmac('sha256', secret)
    .update(`${target}:${method}:${timestamp}`, 'utf8')
    .digest('base64');
}

/** The base URL's path without a trailing slash (`''` for a root mount). */
function basePath(base: URL): string {
  return base.pathname.replace(/\/+$/, '');
}

function authHeaders(base: URL, options: TcRequest, method: string): Record<string, string> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  if (options.authorization === null) {
    return { Timestamp: timestamp };
  }
  if (options.authorization !== undefined) {
    return { Timestamp: timestamp, Authorization: options.authorization };
  }
  if (options.token !== undefined) {
    return { Timestamp: timestamp, Authorization: `TC-Token ${options.token}` };
  }
  const accessId = options.accessId ?? DEFAULT_CREDENTIALS.accessId;
  const secret = options.secretKey ?? DEFAULT_CREDENTIALS.secretKey;
  const signature = tcSignature(secret, `${basePath(base)}${options.target}`, method, timestamp);
  return { Timestamp: timestamp, Authorization: `TC ${accessId}:${signature}` };
}

/** Sends one request to `${baseUrl}${target}` exactly as written. */
export function tcRequest(baseUrl: string, options: TcRequest): Promise<TcResponse> {
  const base = new URL(baseUrl);
  const method = options.method ?? 'GET';
  const payload =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = {
    ...authHeaders(base, options, method),
    ...(payload === undefined
      ? {}
      : {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(payload)),
        }),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path: `${basePath(base)}${options.target}`,
        headers,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          let body: unknown;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            // Not JSON (a text/plain answer); tests look at `text` then.
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, raw, body });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Plain JSON call to the inspection API (no auth). */
export async function inspect(emulatorUrl: string, method: string, path: string, body?: unknown) {
  const origin = new URL(emulatorUrl).origin;
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
