import http from 'node:http';
import https from 'node:https';
import axios, {
  type AxiosInstance,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { readEnvelope } from './classify-response.js';
import { isTcClockSkewError, isTcThrottledError, isThreatConnectError } from './error-guards.js';
import { resolveTcErrorMatchers, type TcErrorMatchers } from './error-matchers.js';
import { TcThrottledError, TcTransientError, type ThreatConnectError } from './errors.js';
import type { TcResponseView } from './response-view.js';
import { signRequest } from './sign-request.js';
import { sleep } from './sleep.js';
import { errorFromTransport } from './transport-errors.js';
import type { TcAuth, TcCall, TcReply, TcTransportOptions } from './transport-types.js';
import { withQuery } from './url-encoding.js';

/** Sends signed, rate-limited calls and turns every outcome into a reply or a typed error. */
export interface TcTransport {
  send(call: TcCall): Promise<TcReply>;
  /** The offset (ms) currently added to the local clock when signing. */
  clockOffsetMs(): number;
  /** Releases keep-alive sockets. */
  close(): void;
}

function authorization(
  auth: TcAuth,
  config: InternalAxiosRequestConfig,
  timestamp: string,
): string {
  if ('token' in auth) {
    return `TC-Token ${auth.token}`;
  }
  // Sign the request-target exactly as axios will put it on the wire: pathname + search of
  // the parsed final URL (axios' http adapter sends the same two fields).
  const url = new URL(String(config.url));
  const { accessId, secretKey } = auth;
  const method = String(config.method);
  return signRequest({
    method,
    pathWithQuery: url.pathname + url.search,
    timestamp,
    accessId,
    secretKey,
  });
}

/** The axios instance: keep-alive, no redirects, no body parsing, no status rejection, no retries. */
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
  // Runs on every attempt, so every attempt (the BUG-16 retry included) is signed afresh.
  instance.interceptors.request.use(config => {
    const ts = timestamp();
    config.headers.set('Timestamp', ts);
    config.headers.set('Authorization', authorization(options.auth, config, ts));
    return config;
  });
  return instance;
}

/** Calls a metrics hook; a failing hook must never fail or alter the API call. */
function notify<T>(hook: ((info: T) => void) | undefined, info: T): void {
  try {
    hook?.(info);
  } catch {
    // deliberately ignored: observability is best effort
  }
}

function viewOf(call: TcCall, path: string, res: AxiosResponse): TcResponseView {
  const headers = Object.fromEntries(
    Object.entries(res.headers as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const body = typeof res.data === 'string' ? res.data : res.data == null ? '' : String(res.data);
  return { method: call.method, path, status: res.status, headers, body, owner: call.owner };
}

class AxiosTcTransport implements TcTransport {
  private offsetMs = 0;
  private readonly now: () => number;
  private readonly matchers: TcErrorMatchers;
  private readonly baseUrl: string;
  private readonly basePath: string;
  private readonly instance: AxiosInstance;

  constructor(private readonly options: TcTransportOptions) {
    this.now = options.now ?? Date.now;
    this.matchers = resolveTcErrorMatchers(options.matchers);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.basePath = new URL(this.baseUrl).pathname.replace(/\/+$/, '');
    this.instance = createAxios(options, () => String(Math.floor(this.clock() / 1000)));
  }

  clockOffsetMs(): number {
    return this.offsetMs;
  }

  async send(call: TcCall): Promise<TcReply> {
    const path = this.basePath + call.path;
    try {
      return await this.attemptAndGate(call, path);
    } catch (err) {
      if (!isTcClockSkewError(err)) {
        throw err;
      }
      // BUG-16: adopt the server's clock when it told us (Date header), re-sign once, retry now.
      const previous = this.offsetMs;
      this.offsetMs += err.offsetMs ?? 0;
      const { method, route } = call;
      const appliedOffsetMs = this.offsetMs;
      notify(this.options.onClockSkew, { method, route, offsetMs: err.offsetMs, appliedOffsetMs });
      try {
        return await this.attemptAndGate(call, path);
      } catch (retryErr) {
        if (isTcClockSkewError(retryErr)) {
          this.offsetMs = previous; // the Date header did not help (a proxy's clock?): forget it
        }
        throw retryErr;
      }
    }
  }

  close(): void {
    if (!this.options.httpAgent) {
      (this.instance.defaults.httpAgent as http.Agent).destroy();
    }
    if (!this.options.httpsAgent) {
      (this.instance.defaults.httpsAgent as https.Agent).destroy();
    }
  }

  private clock(): number {
    return this.now() + this.offsetMs;
  }

  private async attemptAndGate(call: TcCall, path: string): Promise<TcReply> {
    try {
      return await this.attempt(call, path);
    } catch (err) {
      const gate = this.options.gate;
      if (gate && isTcThrottledError(err) && err.source === 'server') {
        const closing =
          err.retryAfterMs === null ? gate.closeWithBackoff() : gate.close(err.retryAfterMs);
        // The throttle is the news; a Redis hiccup while closing the gate must not replace it.
        await closing.catch(() => undefined);
      }
      throw err;
    }
  }

  /** Honours the shared gate (within its wait budget), then takes a limiter slot. */
  private async waitForTurn(call: TcCall, path: string): Promise<void> {
    const ctx = { method: call.method, path, status: null, tcMessage: null };
    const gate = this.options.gate;
    const budget = this.options.maxGateWaitMs ?? 60_000;
    for (let left = (await gate?.waitMs()) ?? 0; left > 0; left = (await gate?.waitMs()) ?? 0) {
      if (left > budget) {
        throw new TcThrottledError(left, 'gate', ctx);
      }
      await sleep(left); // then look again: another process may have extended it
    }
    const slot = await this.options.limiter?.acquire();
    if (slot && !slot.granted) {
      throw new TcThrottledError(Math.ceil(slot.waitMs), 'limiter', ctx);
    }
  }

  private async attempt(call: TcCall, path: string): Promise<TcReply> {
    await this.waitForTurn(call, path).catch((err: unknown) => {
      if (isThreatConnectError(err)) {
        throw err;
      }
      // Redis (gate or limiter) unavailable: retry later rather than bypass the shared limit.
      const ctx = { method: call.method, path, status: null, tcMessage: null, cause: err };
      throw new TcTransientError(`shared rate limit unavailable (${String(err)})`, null, ctx);
    });
    const info = { method: call.method, route: call.route };
    notify(this.options.onRequest, info);
    const started = performance.now();
    const report = (status: number | null, err: unknown): void => {
      const errorName = (err as ThreatConnectError | null)?.name ?? null;
      notify(this.options.onResponse, {
        ...info,
        status,
        durationMs: performance.now() - started,
        errorName,
      });
    };
    let res: AxiosResponse;
    try {
      res = await this.request(call);
    } catch (cause) {
      const err = errorFromTransport(cause, call.method, path);
      report(null, err);
      throw err;
    }
    try {
      const envelope = readEnvelope(viewOf(call, path, res), this.matchers, this.clock());
      report(res.status, null);
      const context = { method: call.method, path, status: res.status, tcMessage: null };
      return { status: res.status, data: envelope.data, next: envelope.next ?? null, context };
    } catch (err) {
      report(res.status, err);
      throw err;
    }
  }

  private request(call: TcCall): Promise<AxiosResponse> {
    const hasBody = call.body !== undefined;
    return this.instance.request({
      method: call.method,
      // The final URL is built here, query included; axios gets no `params` to re-encode.
      url: this.baseUrl + withQuery(call.path, call.query ?? []),
      data: hasBody ? JSON.stringify(call.body) : undefined,
      headers: {
        Accept: 'application/json',
        ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
      },
    });
  }
}

/** Creates the transport under the client. No IO until the first call. */
export function createTcTransport(options: TcTransportOptions): TcTransport {
  return new AxiosTcTransport(options);
}
