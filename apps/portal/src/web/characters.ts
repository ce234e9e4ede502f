/**
 * Characters that none of the portal's output formats can carry, removed from every text before it
 * is written as HTML, XML (the Atom feed) or CSV:
 *
 * - C0 control characters except tab, line feed and carriage return: XML 1.0 forbids them (a single
 *   U+0001 in a party name makes the whole feed unparseable for every subscriber), HTML makes them
 *   parse errors, and in CSV they corrupt cells (NUL ends a string in C programs);
 * - DEL and the C1 controls (U+007F–U+009F): XML 1.0 discourages them and XML 1.1 refuses them raw;
 *   they never belong in a published decision;
 * - the noncharacters U+FFFE and U+FFFF, which are not XML characters;
 * - unpaired surrogates (UTF-16 halves without their partner): not characters at all, so UTF-8
 *   cannot encode them (Node would write U+FFFD).
 *
 * The `u` flag makes the surrogate range match only unpaired halves: a pair is one code point above
 * U+FFFF and is kept. Exported without the `g` flag, so `test` and `exec` keep no state between
 * calls (tests use it to check an output carries none of these characters).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const UNCARRIABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\uD800-\uDFFF]/u;
const EVERY_UNCARRIABLE = new RegExp(UNCARRIABLE.source, 'gu');

/** The text without the characters listed above (everything else unchanged). */
export function stripUncarriable(text: string): string {
  return text.replace(EVERY_UNCARRIABLE, '');
}

const MARKUP_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for markup (HTML or XML, element content or a quoted attribute value): uncarriable characters
 * removed, then & < > " ' as references. `>` escaped also means a text can never close a CDATA
 * section (`]]>`).
 */
export function escapeMarkup(value: string): string {
  return stripUncarriable(value).replace(/[&<>"']/g, (c) => MARKUP_ESCAPES[c]);
}
