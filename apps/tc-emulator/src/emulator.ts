// createEmulator(): resolves options, loads the state file, listens, and returns a handle.
// It prints nothing; callers decide what to log.
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBatchJobs } from './batch/batch-jobs.js';
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
import type { ApiServerOptions } from './http/api-server.js';
import { handleApiRequest } from './http/api-server.js';
import { parseRawTarget } from './http/raw-target.js';
import { errorResponse, sendJson } from './http/responses.js';
import type { InspectionTarget } from './inspection.js';
import { INSPECTION_PREFIX, handleInspection } from './inspection.js';
import { checkEmulatorOptions } from './options-check.js';
import type { EmulatorConfigPatch, EmulatorOptions } from './options.js';
import { createRequestStats } from './request-stats.js';
import { apiRoutes } from './routes/route-table.js';
import type { StateFile } from './state-file.js';
import { createStateFile } from './state-file.js';
import type { EmulatorState } from './state-view.js';
import { buildState } from './state-view.js';
import type { Store } from './store/store.js';
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

function createApi(options: EmulatorOptions, store: Store): ApiServerOptions {
  const catalog = createOwnerCatalog(options.owners ?? DEFAULT_OWNERS);
  const users = options.users ?? [DEFAULT_USER];
  for (const user of users) {
    if (!catalog.find(user.defaultOwner)) {
      throw new Error(
        `emulator user ${user.accessId} has unknown default owner ${user.defaultOwner}`,
      );
    }
  }
  let runtime: RuntimeConfig = patchRuntimeConfig(structuredClone(QUIET_CONFIG), {
    rateLimit: options.rateLimit,
    faults: options.faults,
  });
  return {
    prefix: (options.apiPrefix ?? '/api').replace(/\/+$/, ''),
    routes: apiRoutes,
    users,
    clock: options.clock ?? { now: () => Date.now() },
    random: options.random ?? Math.random,
    toleranceSeconds: options.timestampToleranceSeconds ?? 300,
    runtime: () => runtime,
    setRuntime: next => (runtime = next),
    limiter: createRateLimiter(),
    stats: createRequestStats(),
    hanging: new Set<ServerResponse>(),
    store,
    batches: createBatchJobs(options.batch),
    catalog,
    exclusions: createExclusionList({
      cidrs: DEFAULT_EXCLUDED_CIDRS,
      hosts: DEFAULT_EXCLUDED_HOSTS,
      ...options.exclusions,
    }),
  };
}

function inspectionTarget(api: ApiServerOptions): InspectionTarget {
  return {
    state: () => buildState(api.store, api.stats.snapshot()),
    reset() {
      api.store.clear();
      api.batches.clear();
      api.stats.reset();
      api.limiter.reset();
      api.runtime().faults.failNext = null;
      api.store.changed();
    },
    configure: patch => api.setRuntime(patchRuntimeConfig(api.runtime(), patch)),
    runtime: api.runtime,
  };
}

function createHttpServer(api: ApiServerOptions, inspection: InspectionTarget): Server {
  return createServer((req, res) => {
    const target = parseRawTarget(req.url ?? '/');
    let work: Promise<void>;
    if (target.rawPath.startsWith(INSPECTION_PREFIX)) {
      work = handleInspection(inspection, req, res, target.rawPath);
    } else if (target.rawPath.startsWith(`${api.prefix}/`)) {
      work = handleApiRequest(api, req, res, target);
    } else {
      sendJson(res, errorResponse('v2', 404, 'The requested resource was not found'));
      work = Promise.resolve();
    }
    work.catch(() => res.destroy());
  });
}

async function openStateFile(options: EmulatorOptions, store: Store): Promise<StateFile | null> {
  if (!options.stateFile) {
    return null;
  }
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
  return file;
}

/** Starts an emulator; resolves once it listens. */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  checkEmulatorOptions(options);
  let stateFile: StateFile | null = null;
  const store = createStore(() => stateFile?.schedule());
  const api = createApi(options, store);
  stateFile = await openStateFile(options, store);
  const inspection = inspectionTarget(api);
  const server = createHttpServer(api, inspection);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}${api.prefix}`,
    port,
    state: inspection.state,
    reset: inspection.reset,
    configure: inspection.configure,
    async close() {
      const closed = new Promise<void>(resolve => server.close(() => resolve()));
      api.hanging.forEach(res => res.destroy());
      server.closeAllConnections();
      await closed;
      await stateFile?.flush();
    },
  };
}
