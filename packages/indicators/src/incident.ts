import type { NormalisedReport } from '@cuckoo-tc/cuckoo';
import { IndicatorOptionsError } from './errors.js';
import { wellFormed } from './text-escapes.js';
import { normaliseUrl } from './url.js';

/** How incidents are named and described (the apps map `incident.*`/`cuckoo.*` config onto it). */
export interface IncidentOptions {
  /** Stable name of this sandbox instance; part of the xid. */
  readonly instance: string;
  /** Placeholders: {date} (YYYYMMDD of the analysis start), {target}, {id}, {instance}, {category}. */
  readonly nameTemplate?: string;
  /** Link stored in the Source attribute; `{id}` or the old module's `{}` is the task id. */
  readonly reportLinkTemplate?: string | null;
  readonly analysisIdAttribute?: string;
  readonly sourceAttribute?: string;
  readonly attributeSecurityLabels?: readonly string[];
  readonly tags?: readonly string[];
}

/** One incident attribute. */
export interface IncidentAttribute {
  readonly type: string;
  readonly value: string;
  readonly securityLabels: readonly string[];
}

/** Everything ThreatConnect needs to find or create the incident of one analysis. */
export interface IncidentDescription {
  readonly name: string;
  /** Analysis start, `YYYY-MM-DDTHH:MM:SSZ`; null when the report had no usable date. */
  readonly eventDate: string | null;
  /** Deterministic `cuckoo-tc:{instance}:{taskId}`: re-runs find the same incident. */
  readonly xid: string;
  readonly attributes: readonly IncidentAttribute[];
  readonly tags: readonly string[];
}

/** Default incident name, as the original reporting module named them. */
export const DEFAULT_INCIDENT_NAME_TEMPLATE = 'Cuckoo Analysis {date}: {target}';
/** ThreatConnect's limit on group names. */
export const MAX_INCIDENT_NAME_LENGTH = 100;
const PLACEHOLDERS = new Set(['date', 'target', 'id', 'instance', 'category']);

/** Throws IndicatorOptionsError when the options cannot describe any incident. */
export function checkIncidentOptions(options: IncidentOptions): void {
  if (options.instance.trim() === '') {
    throw new IndicatorOptionsError(
      'cuckoo.instance must not be empty (it is part of every incident xid)',
    );
  }
  const template = options.nameTemplate ?? DEFAULT_INCIDENT_NAME_TEMPLATE;
  for (const [, name] of template.matchAll(/\{([^}]*)\}/g)) {
    if (!PLACEHOLDERS.has(name ?? '')) {
      throw new IndicatorOptionsError(`incident.nameTemplate: unknown placeholder {${name ?? ''}}`);
    }
  }
}

function clean(text: string): string {
  return wellFormed(text)
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// The URL as it is sent (lower-case host, punycode, escapes), so name and indicator agree.
function urlText(url: string | null): string | null {
  if (url === null) {
    return null;
  }
  const outcome = normaliseUrl(url, Number.MAX_SAFE_INTEGER);
  return outcome.kind === 'url' ? outcome.value : url;
}

function targetText(report: NormalisedReport): string {
  const { target, analysis } = report;
  const file = target.file;
  const url = urlText(target.url);
  const candidates =
    target.category === 'url' ? [url] : [target.name, file?.sha256, file?.sha1, file?.md5, url];
  const found = candidates.map(c => (c == null ? '' : clean(c))).find(c => c !== '');
  return found ?? `task ${analysis.id}`;
}

function cut(text: string, length: number): string {
  let end = Math.max(0, length - 1);
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) {
    end -= 1;
  }
  return `${text.slice(0, end)}…`;
}

function render(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]*)\}/g, (whole, name: string) => values[name] ?? whole);
}

function incidentName(report: NormalisedReport, options: IncidentOptions): string {
  const template = options.nameTemplate ?? DEFAULT_INCIDENT_NAME_TEMPLATE;
  const started = report.analysis.started;
  const values = {
    date: started === null ? 'undated' : started.slice(0, 10).replaceAll('-', ''),
    id: String(report.analysis.id),
    instance: options.instance,
    category: report.target.category ?? 'unknown',
    target: targetText(report),
  };
  const name = clean(render(template, values));
  if (name.length <= MAX_INCIDENT_NAME_LENGTH) {
    return name;
  }
  // Shorten the target first so the template's fixed words (and the date) survive.
  const room = MAX_INCIDENT_NAME_LENGTH - (name.length - values.target.length);
  if (template.includes('{target}') && room >= 8) {
    const shortened = clean(render(template, { ...values, target: cut(values.target, room) }));
    if (shortened.length <= MAX_INCIDENT_NAME_LENGTH) {
      return shortened;
    }
  }
  return cut(name, MAX_INCIDENT_NAME_LENGTH);
}

/** Renders the report link; `{id}` and the old module's `{}` both stand for the task id. */
export function renderReportLink(template: string, id: number): string {
  return template.replaceAll('{id}', String(id)).replaceAll('{}', String(id));
}

/**
 * The incident's external id: `cuckoo-tc:{instance}:{taskId}`. ThreatConnect keeps xids unique per
 * instance, so every re-run of an analysis finds the same incident.
 */
export function analysisXid(instance: string, taskId: number): string {
  return `cuckoo-tc:${instance.trim()}:${taskId}`;
}

/** Describes the incident of one analysis: name, event date, xid, attributes, tags. Pure. */
export function describeIncident(
  report: NormalisedReport,
  options: IncidentOptions,
): IncidentDescription {
  checkIncidentOptions(options);
  const { id } = report.analysis;
  const securityLabels = [...(options.attributeSecurityLabels ?? [])];
  const attributes: IncidentAttribute[] = [
    { type: options.analysisIdAttribute ?? 'Analysis ID', value: String(id), securityLabels },
  ];
  const link = options.reportLinkTemplate;
  if (link != null && link.trim() !== '') {
    attributes.push({
      type: options.sourceAttribute ?? 'Source',
      value: renderReportLink(link, id),
      securityLabels,
    });
  }
  return {
    name: incidentName(report, options),
    eventDate: report.analysis.started,
    xid: analysisXid(options.instance, id),
    attributes,
    tags: [...(options.tags ?? [])],
  };
}
