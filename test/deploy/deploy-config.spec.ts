import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { AppEnv, loadConfig } from '#platform';
import { generateKeyPairSync } from 'node:crypto';
import { ConsoleEnv } from '../../apps/console/src/console-env.js';
import { InspectionEnv } from '../../apps/inspection/src/inspection-env.js';
import { PortalEnv } from '../../apps/portal/src/portal-env.js';

/**
 * The deployment files must start every app: each app's environment, as compose and Kubernetes
 * would assemble it, passes the same validation the app runs at start.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const APPS = { planning: 3001, inspection: 3002, publication: 3003, portal: 3000, console: 3004 } as const;
/** An app with settings of its own validates them too (the portal's PORTAL_PUBLIC_URL is required in production). */
const SHAPES: Record<string, new () => AppEnv> = { portal: PortalEnv, inspection: InspectionEnv, console: ConsoleEnv };
/** Stand-ins for the 亮证 key pair (a secret's value is not in the repository; its kind is checked). */
const badgePair = generateKeyPairSync('ed25519');
const STAND_INS: Record<string, string> = {
  DATABASE_URL: 'postgres://spotcheck@db:5432/spotcheck',
  AUTH_LOCAL_SECRET: 'x'.repeat(40),
  BADGE_SIGNING_KEY: badgePair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  BADGE_VERIFY_KEY: badgePair.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  CONSOLE_SIGNING_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
};
const validate = (app: string, env: Record<string, string>) => loadConfig(env, {}, SHAPES[app] ?? AppEnv);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are free-form YAML; the test reads the fields it checks
type Doc = { kind?: string; metadata?: { name?: string }; data?: Record<string, string>; spec?: any };

function k8sDocs(): Doc[] {
  const dir = path.join(root, 'deploy/k8s');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) => parseAllDocuments(readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJSON() as Doc));
}

describe('deploy/k8s', () => {
  const docs = k8sDocs();
  const configMaps = new Map(docs.filter((d) => d.kind === 'ConfigMap').map((d) => [d.metadata!.name!, d.data ?? {}]));

  it('lists every manifest in the kustomization', () => {
    const k = parse(readFileSync(path.join(root, 'deploy/k8s/kustomization.yaml'), 'utf8')) as { resources: string[] };
    const files = readdirSync(path.join(root, 'deploy/k8s')).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...k.resources].sort()).toEqual(files.sort());
  });

  it.each(Object.entries(APPS))('gives %s an environment that passes its start-up validation', (app, port) => {
    const deployment = docs.find((d) => d.kind === 'Deployment' && d.metadata?.name === app);
    expect(deployment).toBeDefined();
    const container = deployment!.spec.template.spec.containers[0];
    expect(container.args).toEqual([app]);
    const env: Record<string, string> = {};
    for (const ref of container.envFrom ?? []) Object.assign(env, configMaps.get(ref.configMapRef.name) ?? {});
    for (const e of container.env ?? []) {
      // A secret's value is not in the repository: stand in a well-formed one of the kind it must hold.
      env[e.name] = e.value ?? STAND_INS[e.name] ?? 'secret';
    }
    const config = validate(app, env);
    expect(config.PORT).toBe(port);
    expect(config.HOST).toBe('0.0.0.0');
    expect(container.ports[0].containerPort).toBe(port);
    expect(container.readinessProbe.httpGet.path).toBe('/health');
  });

  it('runs a three-node JetStream cluster', () => {
    const nats = docs.find((d) => d.kind === 'StatefulSet' && d.metadata?.name === 'nats');
    expect(nats!.spec.replicas).toBe(3);
    expect(configMaps.get('nats-config')!['nats.conf']).toMatch(/jetstream/);
    expect(configMaps.get('spotcheck-config')!.NATS_URL.split(',')).toHaveLength(3);
    // Streams on every node, so the loss of one keeps every event (a number the apps' validation accepts).
    expect(loadConfig({ ...STAND_INS, PORT: '3001', ...configMaps.get('spotcheck-config')! }).NATS_STREAM_REPLICAS).toBe(3);
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parse(readFileSync(path.join(root, 'deploy/compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<string, { command?: string[]; environment?: Record<string, string>; ports?: string[] }>;
  };
  // As compose does with the variable unset: `${X:-default}` gives the default, `${X}` and `${X:?…}` nothing.
  const interpolate = (v: string) =>
    v.replace(/\$\{(\w+)(:[?-][^}]*)?\}/g, (_, name: string, modifier?: string) =>
      STAND_INS[name] && name !== 'DATABASE_URL' ? STAND_INS[name] : modifier?.startsWith(':-') ? modifier.slice(2) : '',
    );

  it.each(Object.entries(APPS))('gives %s an environment that passes its start-up validation', (app, port) => {
    const service = compose.services[app];
    expect(service.command).toEqual([app]);
    const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
    const config = validate(app, env);
    expect(config.PORT).toBe(port);
    expect(config.HOST).toBe('0.0.0.0');
    expect(service.ports).toContain(`${port}:${port}`);
  });

  it('starts PostgreSQL and NATS with JetStream', () => {
    expect(compose.services.postgres).toBeDefined();
    expect(compose.services.nats.command).toContain('-js');
  });
});
