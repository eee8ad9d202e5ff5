import type { NormalisedReport } from '@cuckoo-tc/cuckoo';
import { extractCandidates } from './candidates.js';
import { selectFiles } from './file-indicators.js';
import {
  type IndicatorFilters,
  type IndicatorOptions,
  toIndicatorFilters,
} from './indicator-options.js';
import {
  isRawDrop,
  normaliseCandidate,
  type Occurrence,
  type RawDrop,
  ValueCache,
} from './occurrences.js';
import type { DroppedIndicator, Indicator, IndicatorSelection, NetworkIndicator } from './types.js';
import { networkVerdict, urlVerdict, type ValueGroup, type Verdict } from './verdicts.js';

const SHOWN_VALUE_LENGTH = 200;
const TYPE_ORDER = ['Address', 'Host', 'URL'] as const;

function keyOf(type: string, value: string): string {
  return `${type}\u0000${value}`;
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) {
    list.push(item);
  }
}

function groupOccurrences(occurrences: readonly Occurrence[]): Map<string, ValueGroup> {
  const groups = new Map<string, ValueGroup>();
  for (const o of occurrences) {
    const key = keyOf(o.type, o.value);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        type: o.type,
        value: o.value,
        sections: [],
        resolvedFrom: null,
        direct: false,
        ptrOnly: true,
        urlHost: o.urlHost,
      };
      groups.set(key, group);
    }
    addOnce(group.sections, o.section);
    if (o.resolvedFrom === null) {
      group.direct = true;
    } else {
      group.resolvedFrom ??= new Set();
      group.resolvedFrom.add(o.resolvedFrom);
    }
    group.ptrOnly &&= o.ptrRequest;
  }
  return groups;
}

class DropList {
  private readonly byKey = new Map<string, { drop: DroppedIndicator; sections: Set<string> }>();

  add(
    type: DroppedIndicator['type'],
    value: string,
    verdict: Verdict,
    sections: Iterable<string>,
  ): void {
    const key = `${keyOf(type, value)}\u0000${verdict.reason}`;
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      const shown =
        value.length > SHOWN_VALUE_LENGTH ? `${value.slice(0, SHOWN_VALUE_LENGTH)}…` : value;
      const drop = {
        type,
        value: shown,
        reason: verdict.reason,
        detail: verdict.detail,
        valueLength: value.length,
        sections: [],
      };
      entry = { drop, sections: new Set() };
      this.byKey.set(key, entry);
    }
    for (const section of sections) {
      entry.sections.add(section);
    }
  }

  list(): DroppedIndicator[] {
    return [...this.byKey.values()].map(({ drop, sections }) => ({
      ...drop,
      sections: [...sections],
    }));
  }
}

function judgeGroups(
  groups: Map<string, ValueGroup>,
  filters: IndicatorFilters,
  drops: DropList,
): NetworkIndicator[] {
  const verdicts = new Map<string, Verdict | null>();
  for (const [key, group] of groups) {
    if (group.type !== 'URL') {
      verdicts.set(key, networkVerdict(group, filters));
    }
  }
  const kept: NetworkIndicator[] = [];
  for (const [key, group] of groups) {
    const host = group.urlHost;
    const verdict =
      group.type === 'URL'
        ? urlVerdict(group, host === null ? null : verdicts.get(keyOf(host.type, host.value)))
        : (verdicts.get(key) ?? null);
    if (verdict === null) {
      kept.push({ type: group.type, value: group.value, sections: group.sections });
    } else {
      drops.add(group.type, group.value, verdict, group.sections);
    }
  }
  return TYPE_ORDER.flatMap(type => kept.filter(indicator => indicator.type === type));
}

/**
 * Extracts, normalises, dedupes and filters the indicators of one analysis (DESIGN §4). Pure:
 * every dropped candidate is returned with the rule that dropped it.
 */
export function selectIndicators(
  report: NormalisedReport,
  options?: IndicatorOptions | IndicatorFilters,
): IndicatorSelection {
  const filters = toIndicatorFilters(options);
  const drops = new DropList();
  const occurrences: Occurrence[] = [];
  const cache = new ValueCache(filters.maxUrlLength);
  for (const candidate of extractCandidates(report)) {
    for (const item of normaliseCandidate(candidate, cache)) {
      if (isRawDrop(item)) {
        const raw: RawDrop = item;
        drops.add(raw.type, raw.value, raw, [raw.section]);
      } else {
        occurrences.push(item);
      }
    }
  }
  const network = judgeGroups(groupOccurrences(occurrences), filters, drops);
  const files = selectFiles(report, filters.includeDropped);
  const indicators: Indicator[] = [...files.indicators, ...network];
  return { indicators, dropped: [...files.dropped, ...drops.list()] };
}
