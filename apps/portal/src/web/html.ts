import { escapeMarkup } from './characters.js';

/**
 * A tiny, safe HTML templating: `html` escapes every interpolated value unless it is itself Html
 * (produced by `html` or `raw`). Arrays are joined. So a notice's text can never inject markup.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Text for HTML: control characters and the like removed (web/characters.ts), markup characters escaped. */
export function escapeHtml(value: string): string {
  return escapeMarkup(value);
}

type Interpolation = Html | string | number | boolean | null | undefined | Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0];
  values.forEach((v, i) => (out += render(v) + strings[i + 1]));
  return new Html(out);
}

/** Trusted markup (only for strings this code builds itself). */
export function raw(value: string): Html {
  return new Html(value);
}

/** A query string from the non-empty entries, for links that keep the current filters. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}
