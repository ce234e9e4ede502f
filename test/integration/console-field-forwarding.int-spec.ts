import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { deadLetterStreamName, eventStreamName, eventSubject, InspectorsChanged } from '#contracts';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { AccountsService } from '../../apps/console/src/accounts/accounts.service.js';
import { bootstrapConsole } from '../../apps/console/src/bootstrap.js';
import { hashPassword } from '../../apps/console/src/domain/password-hash.js';
import { InspectionAppModule } from '../../apps/inspection/src/app.module.js';
import { freePort } from '../../scripts/embedded/free-port.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { TEST_NOW } from '../support/test-clock.js';
import { eventually, testEnv, testPrefix } from '../support/test-env.js';
import { cleanResult, DEPT, drawCompleted, inspector, target } from './inspection.harness.js';

/**
 * The phone app reaches inspection through the console (the staff front door): the resumable upload's
 * PATCH with raw bytes and HEAD, the Upload-Offset request header, the Upload-Offset / Upload-Length
 * and Idempotent-Replayed answer headers, end to end with a real console and a real inspection app
 * that verifies the console's tokens by its JWKS (issue 14).
 */
const PASSWORD = 'Field-forwarding-password-7';
const CHUNK_TYPE = 'application/offset+octet-stream';
const png = (size: number, fill: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(size - 16, fill)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('console: forwarding the phone app’s upload and submission to inspection (issue 14)', () => {
  let consoleDb: TestDatabase;
  let inspectionDb: TestDatabase;
  let prefix: string;
  let probe: NatsProbe;
  let console_: RunningApp;
  let inspection: RunningApp;
  let dataDir: string;
  let assignmentId: string;
  let browser: { cookie: string; csrf: string };
  const me = randomUUID();
  const mate = randomUUID();
  const http = () => request(console_.url);
  const withSession = (r: request.Test, csrf = true) => (csrf ? r.set('Cookie', browser.cookie).set('X-CSRF-Token', browser.csrf) : r.set('Cookie', browser.cookie));

  beforeAll(async () => {
    [consoleDb, inspectionDb] = await Promise.all([createTestDatabase('fwdconsole'), createTestDatabase('fwdinspect')]);
    prefix = testPrefix('fwdfield');
    probe = await NatsProbe.connect();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'spotcheck-fwd-'));
    const [consolePort, inspectionPort] = [await freePort(), await freePort()];
    console_ = await bootstrapConsole(
      testEnv(consoleDb.url, prefix, { PORT: String(consolePort), DATA_DIR: dataDir, INSPECTION_URL: `http://127.0.0.1:${inspectionPort}`, CONSOLE_WEB_DIR: path.join(dataDir, 'no-web') }),
      { outboxPollMs: 50 },
    );
    inspection = await startTestApp('inspection', (c, b) => InspectionAppModule.forRoot(c, b, { outboxPollMs: 50, overdueScanMs: 0, uploadSweepMs: 0, evidenceDir: path.join(dataDir, 'evidence') }), inspectionDb.url, prefix, {
      PORT: String(inspectionPort), AUTH_JWKS_URL: `http://127.0.0.1:${consolePort}/.well-known/jwks.json`,
    });

    // Planning's directory reaches both apps; the draw gives the inspector an inspection.
    const changed = { id: randomUUID(), type: InspectorsChanged.type, version: 1, occurredAt: TEST_NOW, source: 'planning', payload: {
      changedAt: TEST_NOW,
      inspectors: [me, mate].map((id, i) => ({ id, certificateNo: `ZF-FWD-${i}`, name: `外业检查员${i}`, department: DEPT, certifiedCategories: ['水资源'], status: 'active' })),
    } };
    await probe.publish(eventSubject(prefix, changed.type), changed, changed.id);
    const draw = drawCompleted({ assignments: [target(1, [inspector(me), inspector(mate)])] });
    await probe.publish(eventSubject(prefix, draw.type), draw, draw.id);
    assignmentId = await eventually(async () => {
      const rows = (await inspection.app.get(DataSource).query(`SELECT id FROM inspection.assignment WHERE draw_id = $1`, [draw.payload.drawId])) as { id: string }[];
      return rows[0]?.id;
    }, 15_000, 'the draw in inspection');
    await eventually(async () => ((await console_.app.get(DataSource).query(`SELECT 1 FROM console.directory_inspector WHERE id = $1`, [me])) as unknown[]).length === 1, 15_000, 'the directory in the console');
    const hash = await hashPassword(PASSWORD);
    await console_.app.get(DataSource).transaction((m) =>
      console_.app.get(AccountsService).insert(m, { username: 'field-1', displayName: '外业检查员0', roles: ['inspector'], department: DEPT, inspectorId: me, mustChangePassword: false }, hash),
    );
    const login = await http().post('/auth/login').send({ username: 'field-1', password: PASSWORD }).expect(200);
    const jar = Object.fromEntries(([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0].split('=')));
    browser = { cookie: `sc_session=${jar.sc_session}; sc_csrf=${jar.sc_csrf}`, csrf: decodeURIComponent(jar.sc_csrf) };
  }, 120_000);

  afterAll(async () => {
    await inspection?.close();
    await console_?.close();
    await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
    await probe?.close();
    await Promise.all([consoleDb?.drop(), inspectionDb?.drop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('passes POST, PATCH with raw bytes and Upload-Offset, and HEAD, and hands back Upload-Offset and Upload-Length', async () => {
    const photo = png(300_000, 21);
    const hash = sha(photo);
    const base = `/api/inspection/assignments/${assignmentId}/evidence/uploads`;
    const chunk = (offset: number, bytes: Buffer) => withSession(http().patch(`${base}/${hash}`)).set('Content-Type', CHUNK_TYPE).set('Upload-Offset', String(offset)).send(bytes);

    const started = await withSession(http().post(base)).send({ sha256: hash, size: photo.length, purpose: 'photo' }).expect(201);
    expect(started.body).toEqual({ sha256: hash, size: photo.length, offset: 0, complete: false });
    expect((await chunk(0, photo.subarray(0, 100_000)).expect(204)).headers['upload-offset']).toBe('100000');
    // The service's 409 and its Upload-Offset reach the phone unchanged.
    const wrong = await chunk(250_000, photo.subarray(250_000)).expect(409);
    expect([wrong.headers['upload-offset'], wrong.body.details]).toEqual(['100000', { offset: 100_000 }]);
    const status = await withSession(http().head(`${base}/${hash}`), false).expect(200);
    expect([status.headers['upload-offset'], status.headers['upload-length']]).toEqual(['100000', String(photo.length)]);
    expect((await chunk(100_000, photo.subarray(100_000, 200_000)).expect(204)).headers['upload-offset']).toBe('200000');
    const done = await chunk(200_000, photo.subarray(200_000)).expect(201);
    expect(done.body).toMatchObject({ sha256: hash, size: photo.length, uploadedBy: me, purpose: 'photo' });
    // The bytes that arrived are exactly the photo's.
    const back = await withSession(http().get(`/api/inspection/assignments/${assignmentId}/evidence/${hash}`), false).responseType('blob').expect(200);
    expect(sha(back.body as Buffer)).toBe(hash);
  });

  it('hands back inspection’s 413 for a chunk over 1 MiB sent chunked (no Content-Length), and both apps go on answering', async () => {
    const photo = png(1024 * 1024 + 200_000, 22);
    const hash = sha(photo);
    const base = `/api/inspection/assignments/${assignmentId}/evidence/uploads`;
    await withSession(http().post(base)).send({ sha256: hash, size: photo.length, purpose: 'photo' }).expect(201);
    // Node's client sends a body without Content-Length chunked; the console streams it on, inspection stops reading at 1 MiB.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(new URL(`${base}/${hash}`, console_.url), {
        method: 'PATCH',
        headers: { Cookie: browser.cookie, 'X-CSRF-Token': browser.csrf, 'Content-Type': CHUNK_TYPE, 'Upload-Offset': '0' },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
        res.on('error', reject);
      });
      req.on('error', reject);
      for (let at = 0; at < photo.length; at += 64 * 1024) req.write(photo.subarray(at, at + 64 * 1024));
      req.end();
    });
    expect([answer.status, JSON.parse(answer.body).message]).toEqual([413, 'a chunk may carry at most 1048576 bytes']);
    const status = await withSession(http().head(`${base}/${hash}`), false).expect(200);
    expect(status.headers['upload-offset']).toBe('0');
    await request(inspection.url).get('/health').expect(200);
  });

  it('hands back Idempotent-Replayed on a submission sent again with its key', async () => {
    const key = randomUUID();
    const submit = () => withSession(http().post(`/api/inspection/assignments/${assignmentId}/results`)).set('Idempotency-Key', key).send(cleanResult());
    const first = await submit().expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await submit().expect(201);
    expect([again.headers['idempotent-replayed'], again.body.id]).toEqual(['true', first.body.id]);
  });
});
