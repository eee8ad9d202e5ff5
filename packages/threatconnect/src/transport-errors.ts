import { TcRequestError, TcTransientError, type ThreatConnectError } from './errors.js';

// Codes that say "the network or the server hiccuped", worth retrying with backoff.
const transientCodes = new Set([
  'ECONNABORTED',
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'EAI_AGAIN',
  // A resolver outage looks like an unknown host; a name that is really wrong still fails after
  // the bounded attempts, and `cuckoo-tc doctor` reports it up front.
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_SOCKET',
]);

function codeOf(err: unknown): string | null {
  const code =
    typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Classifies a failure without an HTTP response (axios/Node error): timeouts, resets, refused
 * and dropped connections are transient; anything else (TLS, bad URL) is a permanent request error.
 */
export function errorFromTransport(err: unknown, method: string, path: string): ThreatConnectError {
  const code = codeOf(err);
  const message = messageOf(err);
  const ctx = { method, path, status: null, tcMessage: null, cause: err };
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) {
    return new TcTransientError(`ThreatConnect did not answer in time (${message})`, code, ctx);
  }
  if ((code !== null && transientCodes.has(code)) || /socket hang up|aborted/i.test(message)) {
    return new TcTransientError(
      `connection to ThreatConnect failed (${code ?? message})`,
      code,
      ctx,
    );
  }
  return new TcRequestError(`request to ThreatConnect could not be made (${code ?? message})`, ctx);
}
