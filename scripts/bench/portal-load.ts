/**
 * The load generator of bench:portal, run as a second process: autocannon at a fixed overall rate
 * against a list of paths, recording every response time so p50/p95/p99 are exact.
 *
 *   node dist/scripts/bench/portal-load.js <url> <rate> <seconds> <connections> <path>...
 * Prints one JSON line: { requests, non2xx, errors, p50, p95, p99, mean } (milliseconds).
 */
import autocannon from 'autocannon';

const [url, rate, seconds, connections, ...paths] = process.argv.slice(2);
const times: number[] = [];
let non2xx = 0;

const instance = autocannon({
  url,
  connections: Number(connections),
  overallRate: Number(rate),
  duration: Number(seconds),
  requests: paths.map((path) => ({ method: 'GET', path })),
});
instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
  times.push(responseTime);
  if (status < 200 || status >= 300) non2xx++;
});
instance.on('done', (result: { errors: number }) => {
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  const mean = times.reduce((a, b) => a + b, 0) / (times.length || 1);
  console.log(JSON.stringify({ requests: times.length, non2xx, errors: result.errors, p50: at(0.5), p95: at(0.95), p99: at(0.99), mean }));
});
