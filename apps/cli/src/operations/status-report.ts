import type { QueueStatus } from '@cuckoo-tc/queues';
import type { AnalysisDelivery } from './analysis-delivery.js';
import { formatAge } from './format-age.js';
import { clip, formatTable } from './format-table.js';
import type { TcGateState } from './tc-gate-state.js';

/** `status` without `--analysis`: the queues and the shared ThreatConnect gate. */
export interface QueuesReport {
  queues: readonly QueueStatus[];
  gate: TcGateState;
}

/** The queues report as stable JSON for scripts. */
export function queuesJson(report: QueuesReport): string {
  const queues = report.queues.map(status => ({
    queue: status.queue,
    counts: status.counts,
    paused: status.paused,
    oldestWaiting: status.oldestWaiting && {
      jobId: status.oldestWaiting.jobId,
      createdAt: new Date(status.oldestWaiting.createdAt).toISOString(),
      ageSeconds: status.oldestWaiting.ageSeconds,
    },
    rateLimitTtlMs: status.rateLimitTtlMs,
    workers: status.workers,
  }));
  return JSON.stringify({ queues, threatconnect: { gate: report.gate } }, null, 2);
}

function gateLine(gate: TcGateState): string {
  if (gate.state === 'closed') {
    return `ThreatConnect 429 gate: closed, opens in ${formatAge(gate.remainingSeconds ?? 0)}`;
  }
  return gate.state === 'open'
    ? 'ThreatConnect 429 gate: open'
    : `ThreatConnect 429 gate: unknown (${gate.note ?? 'not readable'})`;
}

/** The queues report as a table and the gate line. */
export function queuesText(report: QueuesReport): string {
  const header = [
    'queue',
    'waiting',
    'active',
    'delayed',
    'waiting-children',
    'prioritized',
    'completed',
    'failed',
    'oldest waiting',
    'paused',
    'rate limited',
    'workers',
  ];
  const rows = report.queues.map(
    ({ queue, counts, oldestWaiting, paused, rateLimitTtlMs, workers }) => [
      queue,
      ...[
        counts.waiting,
        counts.active,
        counts.delayed,
        counts.waitingChildren,
        counts.prioritized,
        counts.completed,
        counts.failed,
      ].map(String),
      oldestWaiting ? formatAge(oldestWaiting.ageSeconds) : '-',
      paused ? 'yes' : 'no',
      rateLimitTtlMs > 0 ? `for ${formatAge(Math.ceil(rateLimitTtlMs / 1000))}` : 'no',
      workers === null ? '?' : String(workers),
    ],
  );
  return `${formatTable(header, rows)}\n\n${gateLine(report.gate)}`;
}

function counts(byReason: Record<string, number>): string {
  const entries = Object.entries(byReason);
  return entries.length === 0 ? 'none' : entries.map(([reason, n]) => `${reason} ${n}`).join(', ');
}

function incidentLine(delivery: AnalysisDelivery): string {
  const { id, link, xid, created } = delivery.incident;
  if (id === null) {
    return `none yet (xid ${xid ?? '-'})`;
  }
  const how = created === null ? '' : created ? ', created' : ', already existed';
  return `${id}${link ? ` ${link}` : ''} (xid ${xid ?? '-'}${how})`;
}

/** One analysis' delivery as labelled lines and a table of its jobs. */
export function deliveryText(delivery: AnalysisDelivery): string {
  const { indicators } = delivery;
  const lines: [string, string][] = [
    ['status', delivery.status ?? 'unknown'],
    ['incident', incidentLine(delivery)],
    [
      'indicators',
      `${indicators.toSend} to send: ${indicators.created} created, ${indicators.cached} from cache, ` +
        `${indicators.associated} associated`,
    ],
    ['skipped', counts(indicators.skipped)],
    ['dropped', counts(delivery.dropped)],
    [
      'failed chunks',
      delivery.failedChunks.map(c => `${c.job} (${c.reason})`).join(', ') || 'none',
    ],
    ['attempts', counts(delivery.attempts)],
    ['last error', delivery.lastError ? clip(delivery.lastError, 120) : 'none'],
  ];
  const times = Object.entries(delivery.timings);
  if (times.length > 0) {
    lines.push(['times', times.map(([name, at]) => `${name} ${at}`).join(', ')]);
  }
  for (const warning of delivery.warnings) {
    lines.push(['warning', warning]);
  }
  const width = Math.max(...lines.map(([label]) => label.length));
  const head = `analysis ${delivery.instance}/${delivery.taskId} (report ${delivery.version ?? '-'})`;
  const body = lines.map(([label, text]) => `  ${label.padEnd(width)}  ${text}`);
  const jobs =
    delivery.jobs.length === 0
      ? delivery.version === null
        ? 'no report version recorded (parsing never finished): `requeue --analysis` retries it'
        : 'no jobs left in Redis for this report version'
      : formatTable(
          ['queue', 'job', 'name', 'state', 'attempts', 'failed reason'],
          delivery.jobs.map(job => [
            job.queue,
            job.jobId,
            job.name,
            job.state,
            String(job.attemptsMade),
            clip(job.failedReason ?? '', 60),
          ]),
        );
  return [head, ...body, '', jobs].join('\n');
}
