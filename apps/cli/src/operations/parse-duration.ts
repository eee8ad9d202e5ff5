const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses an operator duration: one or more `<number><unit>` parts with unit s, m, h or d
 * (`90s`, `30m`, `2h`, `1d`, `1h30m`). Returns milliseconds, or null when the text is not one.
 */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+[smhd])+$/.test(trimmed)) {
    return null;
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhd])/g)) {
    total += Number(amount) * (UNIT_MS[unit ?? 's'] ?? 0);
  }
  return total > 0 && Number.isSafeInteger(total) ? total : null;
}
