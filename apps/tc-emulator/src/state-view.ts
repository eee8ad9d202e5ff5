// The inspection view of the data (`GET /_emulator/state`, `emulator.state()`).
import type { RequestStatsSnapshot } from './request-stats.js';
import type { Store } from './store/store.js';

/** A group as tests and benchmarks see it. */
export interface GroupState {
  id: number;
  type: string;
  name: string;
  xid: string | null;
  ownerName: string;
  eventDate: string | null;
  status: string | null;
  attributes: { type: string; value: string; securityLabels: string[] }[];
  securityLabels: string[];
  associatedIndicatorIds: number[];
}

/** An indicator as tests and benchmarks see it. */
export interface IndicatorState {
  id: number;
  type: string;
  summary: string;
  ownerName: string;
  associatedGroupIds: number[];
  fileOccurrences: { fileName: string | null; path: string | null; date: string | null }[];
}

/** Everything the inspection API reports. */
export interface EmulatorState {
  groups: GroupState[];
  indicators: IndicatorState[];
  requests: RequestStatsSnapshot;
}

/** Builds the view (copies, safe to keep). */
export function buildState(store: Store, requests: RequestStatsSnapshot): EmulatorState {
  return {
    groups: store.groups().map(g => ({
      id: g.id,
      type: g.type,
      name: g.name,
      xid: g.xid,
      ownerName: g.ownerName,
      eventDate: g.eventDate,
      status: g.status,
      attributes: g.attributes.map(a => ({
        type: a.type,
        value: a.value,
        securityLabels: [...a.securityLabels],
      })),
      securityLabels: [...g.securityLabels],
      associatedIndicatorIds: [...g.associatedIndicatorIds],
    })),
    indicators: store.indicators().map(i => ({
      id: i.id,
      type: i.type,
      summary: i.summary,
      ownerName: i.ownerName,
      associatedGroupIds: [...i.associatedGroupIds],
      fileOccurrences: i.fileOccurrences.map(({ fileName, path, date }) => ({
        fileName,
        path,
        date,
      })),
    })),
    requests,
  };
}
