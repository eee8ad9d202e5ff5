// Classification of every byte value as it may appear OUTSIDE a JSON string. One table lookup per
// byte keeps the skipping loop branch-light; anything not listed here cannot occur in JSON there.

/** Whitespace, digits, sign/exponent/point, letters of true/false/null, `,` and `:`. */
export const PLAIN = 0;
/** `"` starts a string. */
export const QUOTE = 1;
/** `{` or `[`. */
export const OPEN = 2;
/** `}` or `]`. */
export const CLOSE = 3;
/** Raw bytes >= 0x80, control characters, and ASCII that no JSON token contains. */
export const INVALID = 4;

/** 256-entry lookup table from byte value to its class. */
export const BYTE_CLASS: Uint8Array = buildTable();

/** Bytes a number or literal (true/false/null) can be made of. */
export const SCALAR_BYTE: Uint8Array = buildScalarTable();

/** Whitespace as JSON defines it (space, tab, LF, CR). */
export function isJsonWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function buildScalarTable(): Uint8Array {
  const table = new Uint8Array(256);
  for (const ch of '0123456789-+.eEtrufalsn') {
    table[ch.charCodeAt(0)] = 1;
  }
  return table;
}

function buildTable(): Uint8Array {
  const table = new Uint8Array(256).fill(INVALID);
  for (const ch of ' \t\n\r,:0123456789-+.eEtrufalsn') {
    table[ch.charCodeAt(0)] = PLAIN;
  }
  table[0x22] = QUOTE;
  table[0x7b] = OPEN;
  table[0x5b] = OPEN;
  table[0x7d] = CLOSE;
  table[0x5d] = CLOSE;
  return table;
}
