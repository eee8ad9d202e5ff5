import { createHash } from 'node:crypto';
import { InvalidJobIdError } from './errors.js';

// BullMQ refuses custom ids that contain ':' (its key separator) or are all digits (they would
// collide with its own counter ids), so every id below starts with a word and uses '-'.

/** Reduces an instance name to characters safe in job ids and keys (`[A-Za-z0-9_.]`, '-'). */
export function sanitizeInstance(instance: string): string {
  const safe = instance
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (safe === '') {
    throw new InvalidJobIdError(
      `instance name ${JSON.stringify(instance)} has no usable character`,
    );
  }
  return safe;
}

/** Throws unless `id` is a job id BullMQ accepts. */
export function assertValidJobId(id: string): string {
  if (id === '' || id.includes(':') || /^\d+$/.test(id)) {
    throw new InvalidJobIdError(`job id ${JSON.stringify(id)} is empty, has ':' or is all digits`);
  }
  return id;
}

function assertTaskId(taskId: number): void {
  if (!Number.isSafeInteger(taskId) || taskId < 0) {
    throw new InvalidJobIdError(`task id ${String(taskId)} is not a non-negative integer`);
  }
}

/** Short stable version tag (`v` + 8 hex) from any parts, e.g. a report's size and mtime. */
export function reportVersion(...parts: readonly (string | number)[]): string {
  const hash = createHash('sha1').update(parts.map(String).join('\u0000')).digest('hex');
  return `v${hash.slice(0, 8)}`;
}

function assertVersion(version: string): void {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(version)) {
    throw new InvalidJobIdError(
      `report version ${JSON.stringify(version)} must start with a letter`,
    );
  }
}

/** Key of one analysis: `<instance>-<taskId>`, the base of every id. */
export function analysisKey(instance: string, taskId: number): string {
  assertTaskId(taskId);
  return `${sanitizeInstance(instance)}-${taskId}`;
}

/** Id of the parse job of one report version, e.g. `parse-sandbox01-1234-v1a2b3c4d`. */
export function parseJobId(instance: string, taskId: number, version: string): string {
  assertVersion(version);
  return assertValidJobId(`parse-${analysisKey(instance, taskId)}-${version}`);
}

/** Id of the flow root (`associate`) built from one report version. */
export function associateJobId(instance: string, taskId: number, version: string): string {
  assertVersion(version);
  return assertValidJobId(`associate-${analysisKey(instance, taskId)}-${version}`);
}

/** Id of the `create-incident` child of one flow. */
export function createIncidentJobId(instance: string, taskId: number, version: string): string {
  assertVersion(version);
  return assertValidJobId(`incident-${analysisKey(instance, taskId)}-${version}`);
}

/** Id of indicator chunk `chunk` of one flow. */
export function createIndicatorsJobId(
  instance: string,
  taskId: number,
  version: string,
  chunk: number,
): string {
  assertVersion(version);
  return assertValidJobId(`indicators-${analysisKey(instance, taskId)}-${version}-c${chunk}`);
}
