// Cuckoo's convert_to_printable() writes every non-printable byte as the four characters `\xNN`,
// so a UTF-8 Host header arrives as `\xd0\xbf...`. Hosts decode those bytes as UTF-8; URLs keep
// them as bytes and percent-encode them.

const ESCAPE_RUN = /(?:\\x[0-9a-fA-F]{2})+/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false });

function escapeRunToBytes(run: string): Uint8Array {
  const bytes = new Uint8Array(run.length / 4);
  for (let i = 0; i < bytes.length; i += 1) {
    bytes[i] = parseInt(run.slice(i * 4 + 2, i * 4 + 4), 16);
  }
  return bytes;
}

/** Decodes `\xNN` escape runs as UTF-8 (invalid sequences become U+FFFD, caught by {@link hasBrokenText}). */
export function decodeByteEscapes(text: string): string {
  if (!text.includes('\\x')) {
    return text;
  }
  return text.replace(ESCAPE_RUN, run => lenientUtf8.decode(escapeRunToBytes(run)));
}

/** Rewrites `\xNN` escapes as `%NN` (upper-case hex), keeping the bytes as they were on the wire. */
export function byteEscapesToPercent(text: string): string {
  return text.replace(/\\x([0-9a-fA-F]{2})/g, (_m, hex: string) => `%${hex.toUpperCase()}`);
}

/** True when text holds U+FFFD (bytes lost in lenient decoding) or an unpaired surrogate. */
export function hasBrokenText(text: string): boolean {
  return text.includes('\uFFFD') || LONE_SURROGATE.test(text);
}

/** Replaces unpaired surrogates with U+FFFD so the text can be encoded (display text only). */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATES, '\uFFFD');
}
