// In-memory data with the indices the routes need (xid, value per owner, file hash per owner).
// Every mutation ends with changed(), which the state file listens to.
import type { HashKind } from '../values/indicator-values.js';
import { HASH_KINDS } from '../values/indicator-values.js';
import type {
  GroupRecord,
  IdCounters,
  IndicatorRecord,
  IndicatorType,
  StoreSnapshot,
} from './records.js';

const FIRST_IDS: IdCounters = {
  group: 5001,
  indicator: 10_000_001,
  attribute: 1001,
  occurrence: 1,
};

/** The emulator's data. */
export interface Store {
  nextId(kind: keyof IdCounters): number;
  addGroup(group: GroupRecord): void;
  group(id: number): GroupRecord | undefined;
  groupByXid(xid: string): GroupRecord | undefined;
  groups(): GroupRecord[];
  addIndicator(indicator: IndicatorRecord): void;
  indicator(id: number): IndicatorRecord | undefined;
  indicatorByValue(owner: string, type: IndicatorType, value: string): IndicatorRecord | undefined;
  fileByHash(owner: string, kind: HashKind, hash: string): IndicatorRecord | undefined;
  indicators(): IndicatorRecord[];
  associate(group: GroupRecord, indicator: IndicatorRecord): void;
  dissociate(group: GroupRecord, indicator: IndicatorRecord): void;
  changed(): void;
  snapshot(): StoreSnapshot;
  restore(snapshot: StoreSnapshot): void;
  clear(): void;
}

const valueKey = (owner: string, type: string, value: string): string =>
  `${owner}\n${type}\n${value}`;

/** Creates an empty store; onChange runs after every mutation. */
export function createStore(onChange: () => void = () => {}): Store {
  let ids: IdCounters = { ...FIRST_IDS };
  const groups = new Map<number, GroupRecord>();
  const xids = new Map<string, GroupRecord>();
  const indicators = new Map<number, IndicatorRecord>();
  const values = new Map<string, IndicatorRecord>();

  const indexKeys = (i: IndicatorRecord): string[] =>
    i.type === 'File'
      ? HASH_KINDS.flatMap(k => (i[k] ? [valueKey(i.ownerName, k, i[k])] : []))
      : [valueKey(i.ownerName, i.type, i.summary)];
  const index = (i: IndicatorRecord): void => indexKeys(i).forEach(key => values.set(key, i));

  const store: Store = {
    nextId: kind => ids[kind]++,
    addGroup(group) {
      groups.set(group.id, group);
      if (group.xid !== null) {
        xids.set(group.xid, group);
      }
    },
    group: id => groups.get(id),
    groupByXid: xid => xids.get(xid),
    groups: () => [...groups.values()],
    addIndicator(indicator) {
      indicators.set(indicator.id, indicator);
      index(indicator);
    },
    indicator: id => indicators.get(id),
    indicatorByValue: (owner, type, value) => values.get(valueKey(owner, type, value)),
    fileByHash: (owner, kind, hash) => values.get(valueKey(owner, kind, hash.toUpperCase())),
    indicators: () => [...indicators.values()],
    associate(group, indicator) {
      if (!group.associatedIndicatorIds.includes(indicator.id)) {
        group.associatedIndicatorIds.push(indicator.id);
      }
      if (!indicator.associatedGroupIds.includes(group.id)) {
        indicator.associatedGroupIds.push(group.id);
      }
    },
    dissociate(group, indicator) {
      group.associatedIndicatorIds = group.associatedIndicatorIds.filter(id => id !== indicator.id);
      indicator.associatedGroupIds = indicator.associatedGroupIds.filter(id => id !== group.id);
    },
    changed: () => onChange(),
    snapshot: () => ({
      version: 1,
      nextIds: { ...ids },
      groups: [...groups.values()],
      indicators: [...indicators.values()],
    }),
    restore(snapshot) {
      store.clear();
      ids = { ...FIRST_IDS, ...snapshot.nextIds };
      snapshot.groups.forEach(g => store.addGroup(g));
      snapshot.indicators.forEach(i => store.addIndicator(i));
    },
    clear() {
      ids = { ...FIRST_IDS };
      groups.clear();
      xids.clear();
      indicators.clear();
      values.clear();
    },
  };
  return store;
}
