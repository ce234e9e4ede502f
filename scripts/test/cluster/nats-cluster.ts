import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { findNatsServer } from '../../embedded/embedded-nats.js';
import { freePort, waitForPort } from '../../embedded/free-port.js';

export interface NatsNode {
  name: string;
  clientPort: number;
  url: string;
  process: ChildProcess;
  alive: boolean;
}

/**
 * Three nats-server processes clustered with routes, JetStream on each with a store of its own
 * under `dir`, on free loopback ports: what deploy/k8s/nats.yaml runs, on one machine.
 */
export class NatsCluster {
  private constructor(readonly nodes: NatsNode[]) {}

  /** Every node's client URL, comma-separated: the apps' NATS_URL (the client fails over between them). */
  get url(): string {
    return this.nodes.map((n) => n.url).join(',');
  }

  static async start(dir: string, size = 3): Promise<NatsCluster> {
    const binary = findNatsServer();
    if (!binary) throw new Error('nats-server is not installed (apt-get install nats-server)');
    const ports = [];
    for (let i = 0; i < size; i++) ports.push({ client: await freePort(0), cluster: await freePort(0) });
    const routes = ports.map((p) => `nats://127.0.0.1:${p.cluster}`).join(',');
    const nodes = ports.map((p, i) => {
      const name = `n${i + 1}`;
      const store = path.join(dir, name);
      mkdirSync(store, { recursive: true });
      const child = spawn(binary, [
        '-a', '127.0.0.1', '-p', String(p.client), '-n', name, '-js', '-sd', store,
        '--cluster_name', 'spotcheck_chaos', '--cluster', `nats://127.0.0.1:${p.cluster}`, '--routes', routes,
      ], { stdio: ['ignore', 'pipe', 'pipe'] });
      const log = createWriteStream(path.join(dir, `${name}.log`));
      child.stdout!.pipe(log);
      child.stderr!.pipe(log);
      const node: NatsNode = { name, clientPort: p.client, url: `nats://127.0.0.1:${p.client}`, process: child, alive: true };
      child.once('exit', () => (node.alive = false));
      return node;
    });
    const cluster = new NatsCluster(nodes);
    await Promise.all(nodes.map((n) => waitForPort(n.clientPort, 30_000)));
    await cluster.waitForJetStream();
    return cluster;
  }

  /** Until the JetStream meta group has a leader, account requests fail: poll until one answers. */
  async waitForJetStream(timeoutMs = 60_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    const nc = await connect({ servers: this.url.split(','), maxReconnectAttempts: -1 });
    try {
      for (;;) {
        try {
          await (await jetstreamManager(nc, { timeout: 2000 })).getAccountInfo();
          return;
        } catch (error) {
          if (performance.now() > deadline) throw new Error(`JetStream cluster not ready after ${timeoutMs} ms: ${(error as Error).message}`, { cause: error });
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    } finally {
      await nc.close();
    }
  }

  node(name: string): NatsNode {
    const n = this.nodes.find((x) => x.name === name);
    if (!n) throw new Error(`no NATS node named ${name}`);
    return n;
  }

  kill(name: string): void {
    const n = this.node(name);
    n.process.kill('SIGKILL');
    n.alive = false;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.nodes.map(
        (n) =>
          new Promise<void>((resolve) => {
            if (n.process.exitCode !== null || n.process.signalCode !== null) return resolve();
            n.process.once('exit', () => resolve());
            n.process.kill('SIGTERM');
          }),
      ),
    );
  }
}
