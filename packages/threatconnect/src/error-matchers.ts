/** A case-insensitive substring, or a regular expression, tested against ThreatConnect's message. */
export type TextMatcher = string | RegExp;

/**
 * Message matchers that refine a status code into an error class. Real ThreatConnect wording
 * is only partly public, so every list is configurable; the defaults are the documented texts.
 */
export interface TcErrorMatchers {
  /** 4xx: indicator on an exclusion list. */
  exclusionList: TextMatcher[];
  /** 4xx: bad indicator value (`Please enter a valid Address`). */
  invalidValue: TextMatcher[];
  /** 4xx: a group attribute type does not exist for the owner. */
  missingAttributeType: TextMatcher[];
  /** 4xx: a security label does not exist for the owner. */
  missingSecurityLabel: TextMatcher[];
  /** 401: our Timestamp header is too far from the server clock. */
  clockSkew: TextMatcher[];
  /** 403: the owner does not exist or is not accessible. */
  ownerNotFound: TextMatcher[];
  /** Any status: API access not licensed. */
  notLicensed: TextMatcher[];
  /** 400 on File create: one of the hashes already belongs to another File (BUG-19). */
  fileHashExists: TextMatcher[];
}

/** The documented (or best known) texts. */
export const defaultTcErrorMatchers: Readonly<TcErrorMatchers> = Object.freeze({
  exclusionList: ['exclusion list'],
  invalidValue: ['Please enter a valid'],
  missingAttributeType: [
    'requested attribute type was not found',
    /attribute type\b.*\b(not (valid|found)|does not exist)/i,
  ],
  missingSecurityLabel: [
    /security ?label\b.*\b(not (valid|found)|does not exist)/i,
    'requested security label was not found',
  ],
  clockSkew: ['Timestamp out of acceptable time range'],
  ownerNotFound: ['requested owner was not found'],
  notLicensed: ['has not been licensed'],
  fileHashExists: [/with this (MD5|SHA-?1|SHA-?256) already exists/i],
});

/** Defaults with per-key replacements (a key given replaces that whole list). */
export function resolveTcErrorMatchers(overrides?: Partial<TcErrorMatchers>): TcErrorMatchers {
  return { ...defaultTcErrorMatchers, ...(overrides ?? {}) };
}

/** True when any matcher matches `text`. */
export function matchesAny(
  text: string | null | undefined,
  matchers: readonly TextMatcher[],
): boolean {
  if (!text) {
    return false;
  }
  const lower = text.toLowerCase();
  return matchers.some(m => {
    if (typeof m === 'string') {
      return lower.includes(m.toLowerCase());
    }
    m.lastIndex = 0;
    return m.test(text);
  });
}
