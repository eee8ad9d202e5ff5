import type { ParseResult } from './parse-result.js';

const MAX_CELL = 90;

function cell(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

function table(rows: readonly string[][]): string[] {
  const widths =
    rows[0]?.map((_, col) => Math.max(...rows.map(row => (row[col] ?? '').length))) ?? [];
  return rows.map(row =>
    row
      .map((text, col) => (col === row.length - 1 ? text : text.padEnd(widths[col] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function section(title: string, header: string[], rows: string[][]): string[] {
  if (rows.length === 0) {
    return [`${title} (0)`, '  none', ''];
  }
  return [`${title} (${rows.length})`, ...table([header, ...rows]).map(line => `  ${line}`), ''];
}

/** Renders a parse result as the human table of `cuckoo-tc parse` (no colours, no trailing spaces). */
export function formatParseTable(result: ParseResult): string {
  const { analysis, incident } = result;
  const target = analysis.target.name ?? analysis.target.url ?? '(unknown target)';
  const lines = [
    `Analysis ${analysis.id} (${analysis.flavour}${analysis.version === null ? '' : ` ${analysis.version}`}), started ${analysis.started ?? 'unknown'}`,
    `Target   ${analysis.target.category ?? 'unknown'}: ${cell(target)}`,
    `Incident ${incident.name}`,
    `         xid ${incident.xid}, event date ${incident.eventDate ?? 'none'}`,
    '',
  ];
  const order = ['File', 'Address', 'Host', 'URL'];
  const indicators = [...result.indicators].sort(
    (a, b) => order.indexOf(a.type) - order.indexOf(b.type),
  );
  lines.push(
    ...section(
      'Indicators',
      ['TYPE', 'VALUE', 'SECTIONS'],
      indicators.map(i => [i.type, cell(i.value), i.sections.join(',')]),
    ),
  );
  const dropped = [...result.dropped].sort((a, b) => a.reason.localeCompare(b.reason));
  lines.push(
    ...section(
      'Dropped',
      ['TYPE', 'VALUE', 'REASON', 'DETAIL'],
      dropped.map(d => [d.type, cell(d.value), d.reason, d.detail ?? '']),
    ),
  );
  lines.push(`Warnings (${result.warnings.length})`);
  lines.push(
    ...(result.warnings.length === 0
      ? ['  none']
      : result.warnings.map(w => `  ${w.path}: ${w.message}`)),
  );
  return `${lines.join('\n')}\n`;
}
