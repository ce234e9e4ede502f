/**
 * The apps log JSON (pino), as production log shippers want. On a terminal (`npm start`) each event
 * becomes one short line instead: time, app, level, message, and the few fields that matter.
 * Nest's start-up chatter (every module and route it wires) is left out; LOG_FORMAT=json shows all.
 */
const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication', 'NestMicroservice']);

interface LogEvent {
  level?: number | string;
  time?: number;
  name?: string;
  context?: string;
  msg?: string;
  err?: { message?: string };
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  [key: string]: unknown;
}

/** One readable line for a JSON log line ('' to leave it out); anything else comes back as it is. */
export function formatLogLine(line: string): string {
  let e: LogEvent;
  try {
    e = JSON.parse(line) as LogEvent;
  } catch {
    return line;
  }
  if (typeof e !== 'object' || e === null) return line;
  const level = typeof e.level === 'number' ? (LEVELS[e.level] ?? String(e.level)) : String(e.level ?? 'info');
  if (level === 'info' && e.context && STARTUP_CONTEXTS.has(e.context)) return '';
  // Requests that went well are the JSON log's business; a terminal shows the ones that did not.
  if (e.req && e.res && (e.res.statusCode ?? 0) < 400) return '';
  // The start script says when each app is ready.
  if (e.msg === 'listening') return '';
  const at = typeof e.time === 'number' ? e.time : Date.parse(String(e.time));
  const time = Number.isFinite(at) ? new Date(at).toISOString().slice(11, 19) : '--:--:--';
  const http = e.req && e.res ? ` ${e.req.method} ${e.req.url} ${e.res.statusCode} ${e.responseTime ?? '?'}ms` : '';
  const message = http ? http.trim() : (e.msg ?? '');
  const extras = Object.entries(e)
    .filter(([k]) => !['level', 'time', 'name', 'context', 'msg', 'pid', 'hostname', 'req', 'res', 'responseTime', 'err'].includes(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const error = e.err?.message ? ` (${e.err.message})` : '';
  return [time, (e.name ?? '').padEnd(11), level.padEnd(5), `${message}${error}`, ...extras].join(' ').trimEnd();
}
