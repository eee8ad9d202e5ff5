// A real HTTP server on an ephemeral loopback port for transport tests of things the emulator
// cannot produce (exact bytes of the request-target, odd bodies, a server clock of our choice).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

export type Responder = (req: SeenRequest, res: http.ServerResponse, index: number) => void;

export interface LocalServer {
  baseUrl: string;
  seen: SeenRequest[];
  respond(fn: Responder): void;
  close(): Promise<void>;
}

export function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function startLocalServer(): Promise<LocalServer> {
  const seen: SeenRequest[] = [];
  let responder: Responder = (_req, res) => json(res, 200, { status: 'Success', data: {} });
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const entry = {
        method: String(req.method),
        url: String(req.url),
        headers: req.headers,
        body,
        receivedAt: Date.now(),
      };
      seen.push(entry);
      responder(entry, res, seen.length - 1);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    seen,
    respond: fn => (responder = fn),
    close: () =>
      new Promise(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
