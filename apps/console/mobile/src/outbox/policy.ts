/**
 * What the outbox does with an answer (pure): delivered, retry later (network, 5xx, 408/429), fatal
 * (any other 4xx: shown for the inspector to fix, never resent blindly), or sign in again (401).
 */
export type Verdict = 'delivered' | 'retry' | 'fatal' | 'signIn';

export type OutboxState = 'queued' | 'sending' | 'delivered' | 'failed';

/** The queue's words (the issue: 草稿 / 待发送 / 发送中 / 已送达 / 失败). */
export const STATE_TEXT: Record<OutboxState | 'draft', string> = {
  draft: '草稿',
  queued: '待发送',
  sending: '发送中',
  delivered: '已送达',
  failed: '失败',
};

/** status 0 = no answer (offline, connection dropped, timeout). */
export function verdictOf(status: number): Verdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 0 || status >= 500 || status === 408 || status === 429) return 'retry';
  if (status === 401) return 'signIn';
  return 'fatal';
}

export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 10 * 60_000;

/**
 * Wait before attempt n+1 after n failed ones: 5 s, 10 s, 20 s, … at most 10 minutes, spread by ±20 %
 * (random in [0, 1)) so that phones coming back online together do not resend in step. A server's
 * Retry-After (seconds) is honoured when longer.
 */
export function retryDelayMs(failedAttempts: number, random: number, retryAfterSeconds?: number | null): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1));
  const spread = Math.round(base * (0.8 + 0.4 * random));
  const server = retryAfterSeconds && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 0;
  return Math.min(MAX_RETRY_MS, Math.max(spread, server));
}

/** Whether anything of the user is not yet confirmed by the server (sign-out and clearing are refused then). */
export function hasUnsent(items: { state: OutboxState }[], openDrafts: number): boolean {
  return openDrafts > 0 || items.some((i) => i.state !== 'delivered');
}
