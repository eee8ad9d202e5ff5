import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The product's Prometheus metrics, on one registry per process. */
export interface Metrics {
  registry: Registry;
  /** Jobs finished, by queue, job name and outcome (completed, failed, retried, delayed). */
  jobs: Counter<'queue' | 'name' | 'outcome'>;
  /** ThreatConnect requests, by method, route pattern and HTTP status ('error' when none). */
  tcRequests: Counter<'method' | 'route' | 'status'>;
  /** ThreatConnect 429 answers. */
  tcThrottled: Counter;
  /** Seconds spent waiting on the shared 429 gate and the rate limiter. */
  tcWaitSeconds: Counter<'kind'>;
  /** Indicators by type and outcome (created, cached, skipped-excluded, skipped-invalid, failed). */
  indicators: Counter<'type' | 'outcome'>;
  /** Candidates dropped by the filters, by reason. */
  dropped: Counter<'reason'>;
  /** Report bytes read. */
  parseBytes: Counter;
  /** Seconds spent reading and parsing one report. */
  parseSeconds: Histogram;
  /** Jobs per queue and state, refreshed on scrape. */
  queueDepth: Gauge<'queue' | 'state'>;
}

/** Options for {@link createMetrics}. */
export interface MetricsOptions {
  /** Labels on every series, e.g. `{ role: 'worker', instance: 'sandbox01' }`. */
  defaultLabels?: Record<string, string>;
  /** Called on every scrape to refresh queue depths. */
  collectQueueDepths?: () => Promise<Array<{ queue: string; state: string; count: number }>>;
  /** Also export Node process metrics. @defaultValue true */
  processMetrics?: boolean;
}

/** Creates the metrics on a fresh registry (never the global one, so tests stay independent). */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels(options.defaultLabels ?? {});
  if (options.processMetrics ?? true) {
    collectDefaultMetrics({ register: registry, prefix: 'cuckoo_tc_' });
  }
  const registers = [registry];
  const collect = options.collectQueueDepths;
  return {
    registry,
    jobs: new Counter({
      name: 'cuckoo_tc_jobs_total',
      help: 'Jobs finished by queue, name and outcome',
      labelNames: ['queue', 'name', 'outcome'],
      registers,
    }),
    tcRequests: new Counter({
      name: 'cuckoo_tc_threatconnect_requests_total',
      help: 'ThreatConnect requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    tcThrottled: new Counter({
      name: 'cuckoo_tc_threatconnect_throttled_total',
      help: 'ThreatConnect 429 answers',
      registers,
    }),
    tcWaitSeconds: new Counter({
      name: 'cuckoo_tc_threatconnect_wait_seconds_total',
      help: 'Seconds waited on the 429 gate (gate) or the shared rate limiter (limiter)',
      labelNames: ['kind'],
      registers,
    }),
    indicators: new Counter({
      name: 'cuckoo_tc_indicators_total',
      help: 'Indicators by type and outcome',
      labelNames: ['type', 'outcome'],
      registers,
    }),
    dropped: new Counter({
      name: 'cuckoo_tc_dropped_candidates_total',
      help: 'Candidates dropped by the filters, by reason',
      labelNames: ['reason'],
      registers,
    }),
    parseBytes: new Counter({
      name: 'cuckoo_tc_parse_bytes_total',
      help: 'Report bytes read',
      registers,
    }),
    parseSeconds: new Histogram({
      name: 'cuckoo_tc_parse_seconds',
      help: 'Seconds to read and parse one report',
      buckets: [0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 180],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'cuckoo_tc_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        if (!collect) {
          return;
        }
        this.reset();
        for (const { queue, state, count } of await collect()) {
          this.set({ queue, state }, count);
        }
      },
    }),
  };
}
