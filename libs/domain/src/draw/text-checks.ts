/**
 * Identifiers hashed and compared by the draw: 1–128 characters from [A-Za-z0-9._:-].
 * Restricting them to ASCII makes "sorted" unambiguous (byte order = UTF-16 order = PostgreSQL
 * COLLATE "C") and means a JSON line of ids never needs escaping.
 */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

const ID_CHARACTER = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-') ID_CHARACTER[c.charCodeAt(0)] = 1;

/** True for an id of the draw (see ID_PATTERN). A loop, not the regex: it runs a million times per draw. */
export function isDrawId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 128) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128 || ID_CHARACTER[code] === 0) return false;
  }
  return true;
}

/** True for a non-empty string of at most `maxLength` characters without control characters. */
export function isPlainText(value: unknown, maxLength: number): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) return false;
  // Control characters (and DEL) would need escaping in JSON and make published text ambiguous;
  // lone surrogates cannot be encoded as UTF-8.
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
