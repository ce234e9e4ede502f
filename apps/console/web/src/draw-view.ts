/** How a draw's public figures read in the console (pure). */
export const DRAW_STATUS_LABELS: Record<string, string> = { draft: '待公告', announced: '已公告，待抽取', executed: '已抽取，待揭示', revealed: '已揭示' };

/** The hash lines of a population summary, as announced: each `…Hash` field, top level then per stratum. */
export function hashLines(summary: Record<string, unknown> | undefined | null): { label: string; value: string }[] {
  if (!summary) return [];
  const lines: { label: string; value: string }[] = [];
  for (const [k, v] of Object.entries(summary)) if (/hash$/i.test(k) && typeof v === 'string') lines.push({ label: k, value: v });
  const strata = summary.strata as Record<string, Record<string, unknown>> | undefined;
  if (strata && typeof strata === 'object') {
    for (const [stratum, s] of Object.entries(strata)) {
      for (const [k, v] of Object.entries(s ?? {})) if (/hash$/i.test(k) && typeof v === 'string') lines.push({ label: `${stratum} 类 ${k}`, value: v });
    }
  }
  return lines;
}

/** Stratum sizes of a target summary (A–D), when announced. */
export function stratumSizes(summary: Record<string, unknown> | undefined | null): Record<string, number> {
  const strata = summary?.strata as Record<string, { size?: unknown }> | undefined;
  if (!strata) return {};
  return Object.fromEntries(Object.entries(strata).map(([k, v]) => [k, typeof v?.size === 'number' ? v.size : 0]));
}
