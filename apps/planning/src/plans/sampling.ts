import type { Sampling } from './task.entity.js';

const CLASSES = ['A', 'B', 'C', 'D'] as const;

/**
 * Checks a task's sampling per credit class and fills classes left out with `defaults` (the highest
 * default ratio of the task's items): no stratum is ever exempt. Returns the problems, each naming
 * the field, e.g. "sampling.B.ratio must be at most 1 (got 1.5)".
 */
export function checkSampling(raw: Record<string, unknown> | undefined, defaults: Record<(typeof CLASSES)[number], number>): { value?: Sampling; problems: string[] } {
  const problems: string[] = [];
  const given = raw ?? {};
  for (const key of Object.keys(given)) {
    if (!(CLASSES as readonly string[]).includes(key)) problems.push(`sampling: unknown credit class '${key}' (use A, B, C or D)`);
  }
  const value = {} as Sampling;
  for (const c of CLASSES) {
    const entry = given[c];
    if (entry === undefined) {
      // Rounded as a ratio may be written (6 decimals): defaults derived from other ratios carry
      // binary noise (0.1 × 1.5 = 0.15000000000000002) that the draw's rules would refuse.
      value[c] = { ratio: Math.round(defaults[c] * 1e6) / 1e6 };
      continue;
    }
    const where = `sampling.${c}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where} must be { "ratio": r } or { "count": n }`);
      continue;
    }
    const keys = Object.keys(entry);
    const e = entry as { ratio?: unknown; count?: unknown };
    if (keys.length !== 1 || (keys[0] !== 'ratio' && keys[0] !== 'count')) {
      problems.push(`${where} must be exactly one of { "ratio": r } or { "count": n }`);
    } else if (keys[0] === 'ratio') {
      const r = e.ratio;
      if (typeof r !== 'number' || !Number.isFinite(r)) problems.push(`${where}.ratio must be a number`);
      else if (r > 1) problems.push(`${where}.ratio must be at most 1 (got ${r})`);
      else if (r <= 0) problems.push(`${where}.ratio must be above 0: no credit class is exempt (got ${r})`);
      else if (Math.round(r * 1e6) / 1e6 !== r) problems.push(`${where}.ratio must have at most 6 decimal places`);
      else value[c] = { ratio: r };
    } else {
      const n = e.count;
      if (!Number.isInteger(n) || (n as number) < 1) problems.push(`${where}.count must be a positive integer: no credit class is exempt`);
      else value[c] = { count: n as number };
    }
  }
  return problems.length ? { problems } : { value, problems };
}
