import type { DeliveryRecord } from '@cuckoo-tc/worker';
import type { DemoAnalysis } from './stage-reports.js';

/** One row per analysis: status, incident, and what happened to its indicators. */
export interface DemoRow {
  analysis: DemoAnalysis;
  record: DeliveryRecord | null;
  incidentName: string | null;
}

const sum = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);

function cells(row: DemoRow): string[] {
  const r = row.record;
  const incident =
    r?.incidentId != null ? `#${r.incidentId} ${row.incidentName ?? ''}`.trim() : '-';
  const problem = r?.status === 'failed' ? (r.lastError ?? 'failed') : (r?.warnings[0] ?? '');
  return [
    String(row.analysis.taskId),
    row.analysis.source,
    r?.status ?? 'not delivered in time',
    incident,
    r ? String(r.created + r.cached) : '-',
    r ? String(sum(r.skipped)) : '-',
    r ? String(sum(r.dropped)) : '-',
    problem,
  ];
}

/** Renders the demo's closing table (plain text, aligned columns). */
export function formatDemoTable(rows: readonly DemoRow[]): string {
  const header = ['task', 'report', 'status', 'incident', 'sent', 'skipped', 'dropped', 'note'];
  const body = rows.map(cells);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...body.map(line => (line[i] ?? '').length)),
  );
  const render = (line: string[]): string =>
    line
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map(w => '-'.repeat(w))), ...body.map(render)].join('\n');
}
