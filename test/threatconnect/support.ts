// Shared set-up for the client-against-emulator tests: a fresh emulator per file, a client
// with the emulator's default credentials, and a recording forwarder that shows the exact
// request-target bytes the client put on the wire.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator, type EmulatorOptions } from '@cuckoo-tc/tc-emulator';
import {
  createThreatConnectClient,
  type ThreatConnectClient,
  type ThreatConnectClientOptions,
} from '@cuckoo-tc/threatconnect';

export const OWNER = 'Cuckoo Sandbox';
export const CREDENTIALS = { accessId: 'emulator-access-id', secretKey: 'emulator-secret-key' };

/** Starts an emulator (options passed through). */
export function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return createEmulator(options);
}

/** A client for `baseUrl` with the emulator's default user and owner; overrides win. */
export function tcClient(
  baseUrl: string,
  overrides: Partial<ThreatConnectClientOptions> = {},
): ThreatConnectClient {
  return createThreatConnectClient({ baseUrl, auth: CREDENTIALS, owner: OWNER, ...overrides });
}

/** Resolves to the rejection of `promise` (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure, the call succeeded');
}

/** A forwarder in front of the emulator that records each raw request-target. */
export interface RecordingProxy {
  /** Base URL to give the client (same `/api` prefix, so signatures stay valid). */
  url: string;
  targets: string[];
  close(): Promise<void>;
}

/** Starts a forwarder to `emulator` on an ephemeral port. */
export async function startRecordingProxy(emulator: Emulator): Promise<RecordingProxy> {
  const targets: string[] = [];
  const server = http.createServer((req, res) => {
    targets.push(String(req.url));
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: emulator.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      up => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    targets,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
