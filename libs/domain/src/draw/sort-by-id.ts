/**
 * Sorting a million ids with Array.prototype.sort and a comparator takes 1.5–3 s, most of the
 * draw's budget. Ids are ASCII (see ID_PATTERN), so this MSD sort on 4-character chunks gives the
 * same order (UTF-16 code units = bytes) much faster: each chunk becomes a number, packed with the
 * row's position into one float, and a Float64Array is sorted natively (no JavaScript comparator).
 * Rows whose chunk ties are sorted again on the next chunk; small groups by insertion sort.
 */
const SMALL = 24;
const RADIX = 129; // per character: 0 = the string has ended (shorter sorts first), 1 + code for 0..127
const POSITION_SPAN = 2 ** 24; // 129^4 × 2^24 < 2^53: chunk and position fit one float exactly

/** Returns `items` sorted by ascending `id` (UTF-16 code unit order); ids must be ASCII. */
export function sortById<T extends { id: string }>(items: readonly T[]): T[] {
  const ids = items.map((item) => item.id);
  const order = new Int32Array(items.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  sortRange(ids, order, 0, items.length, 0);
  const out: T[] = new Array(items.length);
  for (let i = 0; i < order.length; i++) out[i] = items[order[i]];
  return out;
}

function sortRange(ids: readonly string[], order: Int32Array, lo: number, hi: number, depth: number): void {
  const size = hi - lo;
  if (size <= SMALL || size >= POSITION_SPAN) {
    // (Beyond 16M rows the packing does not fit: fall back to the comparator sort.)
    if (size <= SMALL) insertionSort(ids, order, lo, hi);
    else order.subarray(lo, hi).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
    return;
  }
  const packed = new Float64Array(size);
  for (let k = 0; k < size; k++) packed[k] = chunkOf(ids[order[lo + k]], depth) * POSITION_SPAN + k;
  packed.sort();
  const rows = order.slice(lo, hi);
  let groupStart = 0;
  let groupChunk = -1;
  for (let k = 0; k <= size; k++) {
    const chunk = k < size ? Math.floor(packed[k] / POSITION_SPAN) : -2;
    if (k < size) order[lo + k] = rows[packed[k] - chunk * POSITION_SPAN];
    if (chunk === groupChunk) continue;
    // A tied group is sorted on the next chunk, unless its strings ended inside this one (all equal).
    if (k - groupStart > 1 && groupChunk % RADIX !== 0) sortRange(ids, order, lo + groupStart, lo + k, depth + 4);
    groupStart = k;
    groupChunk = chunk;
  }
}

/** Characters depth..depth+3 as a base-129 number (0 past the end). */
function chunkOf(id: string, depth: number): number {
  let value = 0;
  for (let j = depth; j < depth + 4; j++) value = value * RADIX + (j < id.length ? id.charCodeAt(j) + 1 : 0);
  return value;
}

function insertionSort(ids: readonly string[], order: Int32Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const row = order[i];
    const id = ids[row];
    let j = i - 1;
    while (j >= lo && ids[order[j]] > id) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = row;
  }
}
