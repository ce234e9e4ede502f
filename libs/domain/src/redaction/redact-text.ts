import { findPersonalData, type FindPersonalDataOptions } from './find-personal-data.js';
import { maskPersonName } from './person-name.js';

/** The character that replaces masked characters. */
export const MASK_CHARACTER = '*';

/**
 * Masks the personal data {@link findPersonalData} finds in `text`. Numbers, e-mail addresses and
 * accounts are replaced character for character by '*', so readers see that something was there
 * but no digit of it survives (a partly shown ID number is still half an ID number); listed
 * person names keep their surname (张三 → 张*). Text without findings is returned unchanged.
 */
export function redactText(text: string, options: FindPersonalDataOptions = {}): string {
  const findings = findPersonalData(text, options);
  if (findings.length === 0) return text;
  const masked = new Uint8Array(text.length);
  for (const f of findings) {
    if (f.kind === 'person-name') {
      // Mask the code points maskPersonName masks, keeping surname and separators.
      const original = [...text.slice(f.start, f.end)];
      const mask = [...maskPersonName(text.slice(f.start, f.end))];
      let at = f.start;
      original.forEach((char, i) => {
        if (mask[i] === MASK_CHARACTER && char !== MASK_CHARACTER) masked.fill(1, at, at + char.length);
        at += char.length;
      });
    } else {
      masked.fill(1, f.start, f.end);
    }
  }
  let out = '';
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    out += masked[i] || (width === 2 && masked[i + 1]) ? MASK_CHARACTER : String.fromCodePoint(cp);
    i += width;
  }
  return out;
}
