// Picks the synthetic fault for one request: failNext first (deterministic), then the rates.
import type { FaultSettings } from './runtime-config.js';

/** What to do with a request before it reaches authentication. */
export type FaultAction =
  | { kind: 'none' }
  | { kind: 'drop' }
  | { kind: 'hang' }
  | { kind: 'fail'; status: number; retryAfter: number | null };

/** Decides (and consumes one failNext when used). */
export function decideFault(
  faults: FaultSettings,
  routeKey: string,
  random: () => number,
): FaultAction {
  if (faults.routes !== null && !faults.routes.includes(routeKey)) {
    return { kind: 'none' };
  }
  if (faults.failNext && faults.failNext.count > 0) {
    const { status, retryAfter } = faults.failNext;
    faults.failNext.count -= 1;
    if (faults.failNext.count === 0) {
      faults.failNext = null;
    }
    return { kind: 'fail', status, retryAfter };
  }
  if (faults.dropRate > 0 && random() < faults.dropRate) {
    return { kind: 'drop' };
  }
  if (faults.timeoutRate > 0 && random() < faults.timeoutRate) {
    return { kind: 'hang' };
  }
  if (faults.errorRate > 0 && random() < faults.errorRate) {
    const statuses = faults.errorStatuses.length > 0 ? faults.errorStatuses : [500];
    const status = statuses[Math.floor(random() * statuses.length)] ?? 500;
    return { kind: 'fail', status, retryAfter: null };
  }
  return { kind: 'none' };
}

/** True when the answer of a handled request is to be lost (after its changes were made). */
export function loseResponse(
  faults: FaultSettings,
  routeKey: string,
  random: () => number,
): boolean {
  const applies = faults.routes === null || faults.routes.includes(routeKey);
  return applies && faults.lostResponseRate > 0 && random() < faults.lostResponseRate;
}
