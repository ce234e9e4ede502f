/** An answer of the console or a service that was not 2xx: its status and the message to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Seconds to wait (423 lockout), when the server says. */
  get retryAfterSeconds(): number | null {
    const v = (this.body as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
}

const FALLBACK: Record<number, string> = {
  400: '提交的内容有误',
  401: '登录已失效，请重新登录',
  403: '无权执行此操作',
  404: '未找到该记录',
  409: '与现有记录冲突',
  410: '该记录已不可用',
  413: '文件或内容过大',
  422: '内容未通过校验',
  423: '账号已暂时锁定',
  429: '请求过于频繁，请稍后再试',
};

/**
 * The message of an error body as the services send it ({statusCode, message} where message is a
 * string or, from class-validator, a list of strings); a fallback by status when there is none.
 */
export function messageOf(status: number, body: unknown): string {
  const m = (body as { message?: unknown } | null)?.message;
  if (typeof m === 'string' && m.trim()) return m;
  if (Array.isArray(m)) {
    const parts = m.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    if (parts.length) return parts.join('；');
  }
  if (typeof body === 'string' && body.trim() && body.length < 300 && !body.trimStart().startsWith('<')) return body.trim();
  return FALLBACK[status] ?? (status >= 500 ? `服务暂时不可用（${status}），请稍后再试` : `请求失败（${status}）`);
}

/** A lockout wait in words: 423 answers carry retryAfterSeconds. */
export function waitWording(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} 秒`;
  const minutes = Math.ceil(s / 60);
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} 小时 ${rest} 分钟` : `${hours} 小时`;
}
