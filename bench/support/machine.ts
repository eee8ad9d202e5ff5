// The line every benchmark prints first and last: cores, Node, load average; the machines here
// are small and shared, so a figure means little without the load it was measured under.
import { availableParallelism, loadavg } from 'node:os';

/** `nproc=2 node=v20.x load=1.2/3.4/5.6` for the moment it is called. */
export function machineLine(): string {
  const load = loadavg()
    .map(l => l.toFixed(1))
    .join('/');
  return `nproc=${availableParallelism()} node=${process.version} load(1/5/15 min)=${load}`;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms));
