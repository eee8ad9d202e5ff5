// Request counters for the inspection API: total, per status and per route pattern.

/** Counters as `GET /_emulator/state` shows them. */
export interface RequestStatsSnapshot {
  total: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, number>;
}

/** Mutable counters. */
export interface RequestStats {
  /** `outcome` is an HTTP status, `dropped`, `timeout` or `lost`. */
  record(routeKey: string, outcome: number | 'dropped' | 'timeout' | 'lost'): void;
  snapshot(): RequestStatsSnapshot;
  reset(): void;
}

/** Creates zeroed counters. */
export function createRequestStats(): RequestStats {
  let stats: RequestStatsSnapshot = { total: 0, byStatus: {}, byRoute: {} };
  return {
    record(routeKey, outcome) {
      stats.total += 1;
      stats.byStatus[outcome] = (stats.byStatus[outcome] ?? 0) + 1;
      stats.byRoute[routeKey] = (stats.byRoute[routeKey] ?? 0) + 1;
    },
    snapshot: () => structuredClone(stats),
    reset() {
      stats = { total: 0, byStatus: {}, byRoute: {} };
    },
  };
}
