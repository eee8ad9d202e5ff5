import type { ReportWarning } from './types.js';

/** Collects located warnings while a report is normalised; a broken list cannot flood the output. */
export class WarningLog {
  readonly items: ReportWarning[] = [];
  private suppressed = 0;

  constructor(private readonly limit = 100) {}

  /** Records that the value at `path` was not used, and why. */
  add(path: string, message: string): void {
    if (this.items.length < this.limit) {
      this.items.push({ path, message });
    } else {
      this.suppressed += 1;
    }
  }

  /** The warnings, plus one line saying how many more were left out. */
  finish(): ReportWarning[] {
    if (this.suppressed === 0) {
      return [...this.items];
    }
    return [
      ...this.items,
      { path: '(report)', message: `${this.suppressed} more warnings not shown` },
    ];
  }

  /** Records a type mismatch in the `expected X, got Y` form. */
  expected(path: string, expected: string, value: unknown): void {
    this.add(path, `expected ${expected}, got ${describeType(value)}`);
  }
}

/** Names a JSON value's type the way warnings print it. */
export function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  return typeof value;
}

/** Renders a warning as the one line an operator reads. */
export function formatWarning(warning: ReportWarning): string {
  return `${warning.path}: ${warning.message}`;
}
