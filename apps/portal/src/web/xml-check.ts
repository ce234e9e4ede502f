/**
 * A strict, small well-formedness check of an XML 1.0 document (no DTD), for the tests of the Atom
 * feed: Node has no XML parser, and a regular expression alone would miss a broken reference or a
 * mismatched tag. It checks what a conforming parser rejects in a document of this kind:
 *
 * - every character is an XML 1.0 `Char` (tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF);
 * - an optional XML declaration at the very start, then comments, processing instructions and white
 *   space around exactly one root element;
 * - start and end tags that match and nest, names that are XML names, attributes quoted, unique per
 *   element, without `<`;
 * - references only to the five predefined entities or to characters that are XML characters;
 * - no `]]>` in text, comments without `--`, CDATA sections that end.
 *
 * A DOCTYPE is refused (the feed has none; entities it could declare are out of scope).
 *
 * @returns null when the document is well-formed, else what is wrong and where (offset in UTF-16 units).
 */
export function xmlWellFormednessError(xml: string): string | null {
  const forbidden = NOT_XML_CHAR.exec(xml);
  if (forbidden) return `character U+${codePointHex(forbidden[0])} at offset ${forbidden.index} is not allowed in XML 1.0`;

  let i = xml.startsWith('\uFEFF') ? 1 : 0;
  const fail = (what: string) => `${what} at offset ${i}`;
  const take = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = i;
    const m = re.exec(xml);
    if (m) i += m[0].length;
    return m;
  };
  const startsHere = (s: string) => xml.startsWith(s, i);

  /** Text between markup, or an attribute's value: `&` only in references, no `]]>` (text) or `<` (values). */
  const checkText = (text: string, offset: number, attribute: boolean): string | null => {
    if (attribute && text.includes('<')) return `"<" in an attribute value at offset ${offset + text.indexOf('<')}`;
    if (!attribute && text.includes(']]>')) return `"]]>" in text at offset ${offset + text.indexOf(']]>')}`;
    for (let at = text.indexOf('&'); at >= 0; at = text.indexOf('&', at + 1)) {
      REFERENCE.lastIndex = at;
      const m = REFERENCE.exec(text);
      if (!m) return `"&" that does not start a reference at offset ${offset + at}`;
      if (m[1] === undefined) {
        const code = m[2] !== undefined ? Number.parseInt(m[2], 10) : Number.parseInt(m[3], 16);
        if (!isXmlCharCode(code)) return `character reference ${m[0]} to a character not allowed in XML 1.0 at offset ${offset + at}`;
      }
    }
    return null;
  };

  const comment = (): string | null => {
    const end = xml.indexOf('--', i + 4);
    if (end < 0 || xml[end + 2] !== '>') return fail('comment not closed by "-->" (or containing "--")');
    i = end + 3;
    return null;
  };

  const processingInstruction = (): string | null => {
    const m = take(PROCESSING_INSTRUCTION);
    if (!m) return fail('malformed processing instruction');
    if (m[1].toLowerCase() === 'xml') return `XML declaration not at the start of the document, or a reserved target, before offset ${i}`;
    return null;
  };

  /** Comments, processing instructions and white space (before and after the root element). */
  const misc = (): string | null => {
    for (;;) {
      take(WHITE_SPACE);
      if (startsHere('<!--')) {
        const e = comment();
        if (e) return e;
      } else if (startsHere('<?')) {
        const e = processingInstruction();
        if (e) return e;
      } else return null;
    }
  };

  /** A start tag or an empty-element tag; pushes the name when the element has content. */
  const stack: string[] = [];
  const startTag = (): string | null => {
    const m = take(START_TAG_NAME);
    if (!m) return fail('expected an element');
    const name = m[1];
    const seen = new Set<string>();
    for (;;) {
      const space = take(WHITE_SPACE);
      if (take(EMPTY_TAG_END)) return null;
      if (take(TAG_END)) {
        stack.push(name);
        return null;
      }
      if (!space) return fail(`malformed start tag <${name}>`);
      const valueAt = i;
      const a = take(ATTRIBUTE);
      if (!a) return fail(`malformed attribute in <${name}>`);
      if (seen.has(a[1])) return fail(`attribute ${a[1]} repeated in <${name}>`);
      seen.add(a[1]);
      const value = a[2].slice(1, -1);
      const e = checkText(value, valueAt + a[0].indexOf(a[2]) + 1, true);
      if (e) return e;
    }
  };

  if (startsHere('<?xml') && /^<\?xml[ \t\r\n?]/.test(xml.slice(i, i + 6)) && !take(XML_DECLARATION)) return fail('malformed XML declaration');
  let error = misc();
  if (error) return error;
  if (startsHere('<!DOCTYPE')) return fail('DOCTYPE (not supported by this check)');
  if (!startsHere('<')) return fail('expected the root element');
  error = startTag();
  if (error) return error;

  while (stack.length > 0) {
    const next = xml.indexOf('<', i);
    if (next < 0) return fail(`element <${stack[stack.length - 1]}> not closed`);
    error = checkText(xml.slice(i, next), i, false);
    if (error) return error;
    i = next;
    if (startsHere('</')) {
      const m = take(END_TAG);
      if (!m) return fail('malformed end tag');
      const open = stack.pop();
      if (m[1] !== open) return `end tag </${m[1]}> does not match <${open}> before offset ${i}`;
    } else if (startsHere('<!--')) {
      error = comment();
    } else if (startsHere('<![CDATA[')) {
      const end = xml.indexOf(']]>', i + 9);
      if (end < 0) return fail('CDATA section not closed');
      i = end + 3;
    } else if (startsHere('<?')) {
      error = processingInstruction();
    } else {
      error = startTag();
    }
    if (error) return error;
  }

  error = misc();
  if (error) return error;
  if (i !== xml.length) return fail('content after the root element');
  return null;
}

// XML 1.0 (Fifth Edition) §2.2 Char, §2.3 NameStartChar / NameChar. The name classes hold ZWNJ/ZWJ
// and the combining marks U+0300–U+036F on purpose (the spec lists them), which the lint rule flags.
/* eslint-disable no-misleading-character-class */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME = `[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040]*`;
const S = '[ \\t\\r\\n]';
const WHITE_SPACE = new RegExp(`${S}+`, 'uy');
const START_TAG_NAME = new RegExp(`<(${NAME})`, 'uy');
const END_TAG = new RegExp(`</(${NAME})${S}*>`, 'uy');
const TAG_END = />/y;
const EMPTY_TAG_END = /\/>/y;
const ATTRIBUTE = new RegExp(`(${NAME})${S}*=${S}*("[^"]*"|'[^']*')`, 'uy');
const REFERENCE = new RegExp(`&(?:(lt|gt|amp|apos|quot)|#([0-9]+)|#x([0-9a-fA-F]+));`, 'y');
const PROCESSING_INSTRUCTION = new RegExp(`<\\?(${NAME})(?:${S}[\\s\\S]*?)?\\?>`, 'uy');
const XML_DECLARATION = new RegExp(
  `<\\?xml${S}+version${S}*=${S}*("1\\.[0-9]+"|'1\\.[0-9]+')` +
    `(?:${S}+encoding${S}*=${S}*("[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?` +
    `(?:${S}+standalone${S}*=${S}*("(?:yes|no)"|'(?:yes|no)'))?${S}*\\?>`,
  'y',
);
/* eslint-enable no-misleading-character-class */

function isXmlCharCode(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

function codePointHex(char: string): string {
  return char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}
