/**
 * Turns a text value (from the environment, an argument or reporting.conf) into the type of
 * the key's default. Stricter than convict's own coercion, where "0" or "no" become `true`.
 * A value that cannot be coerced is returned unchanged so validation reports it.
 */
export function coerceText(text: string, defaultValue: unknown): unknown {
  if (Array.isArray(defaultValue)) {
    return text.trim() === ''
      ? []
      : text
          .split(',')
          .map(part => part.trim())
          .filter(part => part !== '');
  }
  if (typeof defaultValue === 'number') {
    const number = Number(text.trim());
    return text.trim() === '' || Number.isNaN(number) ? text : number;
  }
  if (typeof defaultValue === 'boolean') {
    return parseBoolean(text) ?? text;
  }
  if (defaultValue === null && text.trim() === '') {
    return null;
  }
  return text;
}

const TRUE = ['true', 'yes', 'on', '1'];
const FALSE = ['false', 'no', 'off', '0'];

/** Reads the usual spellings of a boolean; undefined for anything else. */
export function parseBoolean(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (TRUE.includes(word)) {
    return true;
  }
  if (FALSE.includes(word)) {
    return false;
  }
  return undefined;
}
