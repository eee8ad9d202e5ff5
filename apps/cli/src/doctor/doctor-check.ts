/** One preflight check and, when it failed, what the operator should do. */
export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

/** Renders checks as aligned lines: `ok` / `FAIL`, name, detail, and the fix on its own line. */
export function formatChecks(checks: readonly DoctorCheck[]): string {
  const width = Math.max(...checks.map(check => check.name.length));
  return checks
    .map(check => {
      const line = `${check.ok ? 'ok  ' : 'FAIL'}  ${check.name.padEnd(width)}  ${check.detail}`;
      return check.fix ? `${line}\n      -> ${check.fix}` : line;
    })
    .join('\n');
}
