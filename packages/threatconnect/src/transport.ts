import http from 'node:http';
import https from 'node:https';
import axios, {
  type AxiosInstance,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { readEnvelope } from './classify-response.js';
import { isTcClockSkewError, isTcThrottledError } from './error-guards.js';
import { resolveTcErrorMatchers } from './error-matchers.js';
import { TcThrottledError, type ThreatConnectError } from './errors.js';
import { signRequest } from './sign-request.js';
import { sleep } from './sleep.js';
import { errorFromTransport } from './transport-errors.js';
import type { TcCall, TcReply, TcTransportOptions } from './transport-types.js';
import { withQuery } from './url-encoding.js';
import type { TcResponseView } from './response-view.js';

/** Sends signed, rate-limited calls and turns every outcome into a reply or a typed error. */
export interface TcTransport {
  send(call: TcCall): Promise<TcReply>;
  /** The offset (ms) currently added to the local clock when signing. */
  clockOffsetMs(): number;
  /** Releases keep-alive sockets. */
  close(): void;
}

function basePathOf(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, '');
}

/** Creates the axios instance: keep-alive, no redirects, no parsing, no status rejection. */
function createAxios(options: TcTransportOptions, timestamp: () => string): AxiosInstance {
  const instance = axios.create({
    timeout: options.timeoutMs ?? 30_000,
    httpAgent: options.httpAgent ?? new http.Agent({ keepAlive: true }),
    httpsAgent: options.httpsAgent ?? new https.Agent({ keepAlive: true }),
    validateStatus: () => true,
    maxRedirects: 0,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
  });
  // Runs on every attempt, so each one carries a fresh Timestamp and its own signature over the
  // request-target exactly as axios will put it on the wire (pathname + search of the final URL).
  instance.interceptors.request.use((config: InternalAxiosRequestConfig) => {
    const url = new URL(String(config.url));
    const ts = timestamp();
    config.headers.set('Timestamp', ts);
    const auth = options.auth;
    const value =
      'token' in auth
        ? `TC-Token ${auth.token}`
        : signRequest({
            method: String(config.method),
            pathWithQuery: url.pathname + url.search,
            timestamp: ts,
            accessId: auth.accessId,
            secretKey: auth.secretKey,
          });
    config.headers.set('Authorization', value);
    return config;
  });
  return instance;
}

function viewOf(call: TcCall, path: string, res: AxiosResponse): TcResponseView {
  const headers = Object.fromEntries(
    Object.entries(res.headers as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const body = typeof res.data === 'string' ? res.data : res.data == null ? '' : String(res.data);
  return { method: call.method, path, status: res.status, headers, body, owner: call.owner };
}

/** Creates the transport. */
export function createTcTransport(options: TcTransportOptions): TcTransport {
  const now = options.now ?? Date.now;
  const matchers = resolveTcErrorMatchers(options.matchers);
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const basePath = basePathOf(baseUrl);
  const maxGateWaitMs = options.maxGateWaitMs ?? 60_000;
  let offsetMs = 0;
  const clock = (): number => now() + offsetMs;
  const instance = createAxios(options, () => String(Math.floor(clock() / 1000)));

  async function waitForGateAndSlot(call: TcCall, path: string): Promise<void> {
    const ctx = { method: call.method, path, status: null, tcMessage: null };
    for (let remaining = (await options.gate?.waitMs()) ?? 0; remaining > 0;) {
      if (remaining > maxGateWaitMs) {
        throw new TcThrottledError(remaining, 'gate', ctx);
      }
      await sleep(remaining);
      remaining = (await options.gate?.waitMs()) ?? 0; // another process may have extended it
    }
    const slot = await options.limiter?.acquire();
    if (slot && !slot.granted) {
      throw new TcThrottledError(Math.ceil(slot.waitMs), 'limiter', ctx);
    }
  }

  async function attempt(call: TcCall, path: string): Promise<TcReply> {
    await waitForGateAndSlot(call, path);
    const info = { method: call.method, route: call.route };
    options.onRequest?.(info);
    const started = performance.now();
    const report = (status: number | null, err: ThreatConnectError | null): void =>
      options.onResponse?.({
        ...info,
        status,
        durationMs: performance.now() - started,
        errorName: err?.name ?? null,
      });
    let res: AxiosResponse;
    try {
      res = await instance.request({
        method: call.method,
        url: baseUrl + withQuery(call.path, call.query ?? []),
        data: call.body === undefined ? undefined : JSON.stringify(call.body),
        headers: {
          Accept: 'application/json',
          ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
      });
    } catch (cause) {
      const err = errorFromTransport(cause, call.method, path);
      report(null, err);
      throw err;
    }
    const view = viewOf(call, path, res);
    try {
      const envelope = readEnvelope(view, matchers, clock());
      report(res.status, null);
      const context = { method: call.method, path, status: res.status, tcMessage: null };
      return { status: res.status, data: envelope.data, next: envelope.next ?? null, context };
    } catch (err) {
      report(res.status, err as ThreatConnectError);
      throw err;
    }
  }

  async function onThrottled(err: TcThrottledError): Promise<void> {
    if (!options.gate || err.source !== 'server') {
      return;
    }
    await (err.retryAfterMs === null
      ? options.gate.closeWithBackoff()
      : options.gate.close(err.retryAfterMs));
  }

  async function attemptAndGate(call: TcCall, path: string): Promise<TcReply> {
    try {
      return await attempt(call, path);
    } catch (err) {
      if (isTcThrottledError(err)) {
        await onThrottled(err);
      }
      throw err;
    }
  }

  return {
    async send(call) {
      const path = basePath + call.path;
      try {
        return await attemptAndGate(call, path);
      } catch (err) {
        if (!isTcClockSkewError(err)) {
          throw err;
        }
        // BUG-16: adopt the server's clock when it told us (Date header), re-sign once, retry now.
        offsetMs += err.offsetMs ?? 0;
        const { method, route } = call;
        options.onClockSkew?.({ method, route, offsetMs: err.offsetMs, appliedOffsetMs: offsetMs });
        return attemptAndGate(call, path);
      }
    },
    clockOffsetMs: () => offsetMs,
    close() {
      if (!options.httpAgent) {
        (instance.defaults.httpAgent as http.Agent).destroy();
      }
      if (!options.httpsAgent) {
        (instance.defaults.httpsAgent as https.Agent).destroy();
      }
    },
  };
}
