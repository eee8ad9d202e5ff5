// createEmulator(): resolves options, loads the state file, listens, and returns a handle.
// It prints nothing; callers decide what to log.
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOwnerCatalog } from './catalog.js';
import {
  DEFAULT_EXCLUDED_CIDRS,
  DEFAULT_EXCLUDED_HOSTS,
  DEFAULT_OWNERS,
  DEFAULT_USER,
} from './defaults.js';
import { createRateLimiter } from './faults/rate-limiter.js';
import type { RuntimeConfig } from './faults/runtime-config.js';
import { QUIET_CONFIG, patchRuntimeConfig } from './faults/runtime-config.js';
import { handleApiRequest } from './http/api-server.js';
import { parseRawTarget } from './http/raw-target.js';
import { errorResponse, sendJson } from './http/responses.js';
import { INSPECTION_PREFIX, handleInspection } from './inspection.js';
import type { EmulatorConfigPatch, EmulatorOptions } from './options.js';
import { createRequestStats } from './request-stats.js';
import { apiRoutes } from './routes/route-table.js';
import type { StateFile } from './state-file.js';
import { createStateFile } from './state-file.js';
import type { EmulatorState } from './state-view.js';
import { buildState } from './state-view.js';
import { createStore } from './store/store.js';
import { createExclusionList } from './values/exclusion-list.js';

/** A running emulator. */
export interface Emulator {
  /** Base URL clients use, e.g. `http://127.0.0.1:8080/api`. */
  url: string;
  port: number;
  close(): Promise<void>;
  state(): EmulatorState;
  /** Forgets all groups, indicators, counters and a pending failNext; keeps the settings. */
  reset(): void;
  /** Changes rate limit and faults while running (0 or null turns one off). */
  configure(patch: EmulatorConfigPatch): void;
}

function checkUsers(options: EmulatorOptions, ownerNames: string[]): void {
  for (const user of options.users ?? [DEFAULT_USER]) {
    if (!ownerNames.includes(user.defaultOwner)) {
      throw new Error(
        `emulator user ${user.accessId} has unknown default owner ${user.defaultOwner}`,
      );
    }
  }
}

/** Starts an emulator; resolves once it listens. */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const prefix = (options.apiPrefix ?? '/api').replace(/\/+$/, '');
  const catalog = createOwnerCatalog(options.owners ?? DEFAULT_OWNERS);
  checkUsers(
    options,
    catalog.owners.map(o => o.name),
  );
  const exclusions = createExclusionList({
    cidrs: DEFAULT_EXCLUDED_CIDRS,
    hosts: DEFAULT_EXCLUDED_HOSTS,
    ...options.exclusions,
  });
  let stateFile: StateFile | null = null;
  const store = createStore(() => stateFile?.schedule());
  if (options.stateFile) {
    const file = createStateFile(
      options.stateFile,
      options.stateSaveDelayMs ?? 200,
      () => store.snapshot(),
      options.onError ?? (() => {}),
    );
    const loaded = await file.load();
    if (loaded) {
      store.restore(loaded);
    }
    stateFile = file;
  }
  let runtime: RuntimeConfig = patchRuntimeConfig(structuredClone(QUIET_CONFIG), {
    rateLimit: options.rateLimit,
    faults: options.faults,
  });
  const stats = createRequestStats();
  const limiter = createRateLimiter();
  const hanging = new Set<ServerResponse>();
  const clock = options.clock ?? { now: () => Date.now() };
  const api = {
    prefix,
    routes: apiRoutes,
    users: options.users ?? [DEFAULT_USER],
    clock,
    random: options.random ?? Math.random,
    toleranceSeconds: options.timestampToleranceSeconds ?? 300,
    runtime: () => runtime,
    limiter,
    stats,
    hanging,
    store,
    catalog,
    exclusions,
  };
  const handle = {
    state: () => buildState(store, stats.snapshot()),
    reset() {
      store.clear();
      stats.reset();
      limiter.reset();
      runtime.faults.failNext = null;
      store.changed();
    },
    configure(patch: EmulatorConfigPatch) {
      runtime = patchRuntimeConfig(runtime, patch);
    },
    runtime: () => runtime,
  };
  const server = createServer((req, res) => {
    const target = parseRawTarget(req.url ?? '/');
    const work = target.rawPath.startsWith(INSPECTION_PREFIX)
      ? handleInspection(handle, req, res, target.rawPath)
      : target.rawPath.startsWith(`${prefix}/`)
        ? handleApiRequest(api, req, res, target)
        : Promise.resolve(
            sendJson(res, errorResponse('v2', 404, 'The requested resource was not found')),
          );
    work.catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}${prefix}`,
    port,
    state: handle.state,
    reset: handle.reset,
    configure: handle.configure,
    async close() {
      const closed = new Promise<void>(resolve => server.close(() => resolve()));
      hanging.forEach(res => res.destroy());
      server.closeAllConnections();
      await closed;
      await stateFile?.flush();
    },
  };
}
