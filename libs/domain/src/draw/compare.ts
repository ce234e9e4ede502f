/** Helpers that turn "published vs recomputed" into precise, readable differences. */

const MAX_PER_LIST = 10;

/** Records a difference when two scalar values are not identical. */
export function compareValue(label: string, published: unknown, recomputed: unknown, out: string[]): void {
  if (published !== recomputed) out.push(`${label}: published ${show(published)}, recomputed ${show(recomputed)}`);
}

/**
 * Compares two lists position by position after rendering each entry with `render`; reports a length
 * difference and at most 10 differing positions (then a count of the rest).
 */
export function compareList<T>(
  label: string,
  published: unknown,
  recomputed: readonly T[],
  render: (entry: T) => string,
  out: string[],
): void {
  if (!Array.isArray(published)) {
    out.push(`${label}: published value is not a list`);
    return;
  }
  if (published.length !== recomputed.length) {
    out.push(`${label}: published ${published.length} entries, recomputed ${recomputed.length}`);
  }
  let reported = 0;
  let unreported = 0;
  const length = Math.max(published.length, recomputed.length);
  for (let i = 0; i < length; i++) {
    const a = i < published.length ? safeRender(render, published[i] as T) : '(none)';
    const b = i < recomputed.length ? render(recomputed[i]) : '(none)';
    if (a === b) continue;
    if (reported < MAX_PER_LIST) {
      out.push(`${label}[${i}]: published ${a}, recomputed ${b}`);
      reported++;
    } else {
      unreported++;
    }
  }
  if (unreported > 0) out.push(`${label}: ${unreported} more differing entries`);
}

function safeRender<T>(render: (entry: T) => string, entry: T): string {
  try {
    return render(entry);
  } catch {
    return `malformed entry ${show(entry)}`;
  }
}

/** A short printable form of any published value. */
export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** JSON with object keys sorted at every level: equal for values that differ only in key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  ) ?? 'undefined';
}
