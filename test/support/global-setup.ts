// Fails the integration run early, with a readable message, when PostgreSQL or NATS is not reachable.
import net from 'node:net';

function reachable(url: string, fallbackPort: number): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || fallbackPort) });
    socket.setTimeout(2000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

export default async function globalSetup(): Promise<void> {
  const pg = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const nats = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
  const missing: string[] = [];
  if (!(await reachable(pg, 5432))) missing.push(`PostgreSQL at ${new URL(pg).host}`);
  if (!(await reachable(nats, 4222))) missing.push(`NATS at ${new URL(nats).host}`);
  if (missing.length) {
    throw new Error(`Integration tests need ${missing.join(' and ')} (set TEST_DATABASE_URL / TEST_NATS_URL, or run .ci/run which starts them)`);
  }
}
