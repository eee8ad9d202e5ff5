// What domain operations need: the data, the owner catalog, the exclusion lists, the caller.
import type { OwnerCatalog } from '../catalog.js';
import type { EmulatorUser } from '../options.js';
import type { Store } from '../store/store.js';
import type { ExclusionList } from '../values/exclusion-list.js';

/** Collaborators of a domain operation; `now` is the request's UTC timestamp. */
export interface DomainDeps {
  store: Store;
  catalog: OwnerCatalog;
  exclusions: ExclusionList;
  user: EmulatorUser;
  now: string;
}

/** A validated write: nothing changes until apply() runs, so a failure creates nothing. */
export interface WritePlan<T> {
  apply(): T;
}
