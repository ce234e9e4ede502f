import { constants, inflateSync } from 'node:zlib';
import type { EvidenceContentType } from './sniff-content-type.js';

/**
 * Markup a browser would run if it ever rendered the file as HTML: a polyglot (a PNG or JPEG header
 * followed by HTML) passes the type check by its leading bytes. The tag must be followed by a byte
 * that ends a tag name, so random bytes of a photo or video match with negligible probability.
 */
const HTML_MARKUP = /<(?:!doctype\s+html|html|head|body|script|iframe|frame|frameset|object|embed|meta\s+http-equiv)[\s>/]/i;

/** A PDF name that starts JavaScript (`/JS`, `/JavaScript`), ended by a PDF delimiter or whitespace. */
const PDF_SCRIPT_NAME = /\/(?:JS|JavaScript)(?=[\s()<>[\]{}/%]|$)/;

/** Bounds the work of inflating PDF streams: an upload is at most EVIDENCE_MAX_BYTES, its streams may expand more. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/**
 * Why the file must not be kept as evidence (HTML or script inside it), or undefined when it is clean.
 * Every type is searched for HTML markup. A PDF is also searched for JavaScript names in its
 * dictionaries: the text outside its streams, and its object streams (`/Type /ObjStm`, where
 * compressed PDFs keep their dictionaries), inflated; `#xx` escapes in names are decoded (`/J#53` is
 * `/JS`). Other streams (page content, images, fonts) are not searched: their bytes are data, and a
 * script there runs only when a dictionary names it.
 */
export function findActiveContent(bytes: Uint8Array, type: EvidenceContentType): string | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (HTML_MARKUP.test(text)) return 'the file contains HTML markup';
  if (type === 'application/pdf') return findPdfScript(text);
  return undefined;
}

function findPdfScript(text: string): string | undefined {
  const outside: string[] = [];
  let inflated = 0;
  let from = 0;
  const streamStart = /stream\r?\n/g;
  for (let m = streamStart.exec(text); m; m = streamStart.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    outside.push(text.slice(from, m.index));
    from = end + 'endstream'.length;
    streamStart.lastIndex = from;
    const dictionary = decodePdfNames(text.slice(Math.max(0, m.index - 1024), m.index));
    const own = dictionary.slice(Math.max(0, dictionary.lastIndexOf('obj')));
    if (!/\/Type\s*\/ObjStm(?![A-Za-z])/.test(own)) continue;
    let objects: Buffer;
    try {
      objects = inflateSync(Buffer.from(text.slice(start, end), 'latin1'), {
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: Math.max(1, MAX_INFLATED_BYTES - inflated),
      });
    } catch {
      return 'the PDF has an object stream that cannot be inspected';
    }
    inflated += objects.length;
    if (PDF_SCRIPT_NAME.test(decodePdfNames(objects.toString('latin1')))) return 'the PDF contains JavaScript';
  }
  outside.push(text.slice(from));
  if (PDF_SCRIPT_NAME.test(decodePdfNames(outside.join('\n')))) return 'the PDF contains JavaScript';
  return undefined;
}

/** PDF names may write any character as #xx: decode them before matching a name. */
function decodePdfNames(text: string): string {
  return text.includes('#') ? text.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}
