import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, symlinkSync, unlinkSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { eventSubject, ItemsPublished, type EventEnvelope, type ItemsPublishedPayload } from '#contracts';
import { recordForSigning, type SignableResult } from '#domain';
import { AbandonedUploadsSweeper } from '../../apps/inspection/src/evidence/abandoned-uploads.sweeper.js';
import { DAY_MS, HOUR_MS, TEST_NOW, fromTestNow } from '../support/test-clock.js';
import { eventually, tokenFor } from '../support/test-env.js';
import {
  as, assignmentIdOf, cleanResult, count, DEPT, drawCompleted, filesUnder, handled, inspector, ITEMS, publishDraw, startInspection, target,
  type InspectionHarness,
} from './inspection.harness.js';

/**
 * Issue 14, the server side of the phone app (掌上执法) on real PostgreSQL and JetStream: the target's
 * address and each item version's check points in the worklist, the resumable evidence upload (with
 * the fixes of the security review: bounded chunks that never bring the process down, checks before
 * the body is read, caps per inspection, a full disk), and signatures bound to the hash of the record
 * they sign, each image uploaded for that record by its signer.
 */
const MIB = 1024 * 1024;
const png = (size: number, fill: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(size - 16, fill)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const CHUNK_TYPE = 'application/offset+octet-stream';

describe('inspection: the phone app’s server side (issue 14)', () => {
  let h: InspectionHarness;
  const drawId = randomUUID();
  let withAddress: string; // target-1: a, b; registered address and coordinates
  let withoutAddress: string; // target-2: a, b; an event as planning sent them before addresses
  let theirs: string; // target-3: c, d
  let toCancel: string; // target-4: a, b; cancelled with an upload under way
  let counted: string; // target-5: a, b; the cap on unfinished uploads
  let weighed: string; // target-6: a, b; the cap on bytes declared, a full disk

  const tokens: Record<string, string> = {};
  const auth = (sub: string) => tokens[sub];
  const uploads = (id: string) => `/assignments/${id}/evidence/uploads`;
  const begin = (sub: string, id: string, body: Record<string, unknown>) => request(h.app.url).post(uploads(id)).set('Authorization', auth(sub)).send(body);
  const patch = (sub: string, id: string, hash: string, offset: number | string, bytes: Buffer) =>
    request(h.app.url).patch(`${uploads(id)}/${hash}`).set('Authorization', auth(sub)).set('Content-Type', CHUNK_TYPE).set('Upload-Offset', String(offset)).send(bytes);
  const head = (sub: string, id: string, hash: string) => request(h.app.url).head(`${uploads(id)}/${hash}`).set('Authorization', auth(sub));
  /**
   * A PATCH written by hand (supertest always sends a Content-Length): `write` sends what it likes, a
   * chunked body or headers only. Resolves with the answer as soon as it is complete.
   */
  const rawPatch = (id: string, hash: string, offset: number, headers: Record<string, string>, write: (req: http.ClientRequest) => void) =>
    new Promise<{ status: number; body: Record<string, unknown>; offset: string | undefined }>((resolve, reject) => {
      const req = http.request(new URL(`${uploads(id)}/${hash}`, h.app.url), {
        method: 'PATCH', headers: { Authorization: auth('a'), 'Content-Type': CHUNK_TYPE, 'Upload-Offset': String(offset), ...headers },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          resolve({ status: res.statusCode!, body: JSON.parse(text || '{}') as Record<string, unknown>, offset: res.headers['upload-offset'] as string | undefined });
          req.destroy();
        });
      });
      // After the answer the server closes the connection on the unread rest: an error then changes nothing.
      req.on('error', reject);
      write(req);
    });
  const partialsOf = (id: string) => (existsSync(path.join(h.evidenceDir, 'uploads', id)) ? filesUnder(path.join(h.evidenceDir, 'uploads', id)) : []);
  const stored = () => filesUnder(h.evidenceDir).filter((f) => !f.endsWith('.part'));

  /** Uploads a whole file in chunks of `chunk` bytes (a signature image for the record `recordHash`); answers the last response. */
  const uploadAll = async (sub: string, id: string, data: Buffer, purpose: 'photo' | 'signature', recordHash?: string, chunk = MIB) => {
    const hash = sha(data);
    await begin(sub, id, { sha256: hash, size: data.length, purpose, ...(recordHash ? { recordHash } : {}) }).expect(201);
    let res: request.Response | undefined;
    for (let at = 0; at < data.length; at += chunk) res = await patch(sub, id, hash, at, data.subarray(at, at + chunk));
    return res!;
  };

  beforeAll(async () => {
    h = await startInspection('field', { evidenceMaxBytes: 8 * MIB, uploadBytesPerAssignment: 20 * MIB });
    for (const sub of ['a', 'b', 'c', 'd']) tokens[sub] = `Bearer ${await tokenFor(['inspector'], DEPT, sub)}`;
    // Two versions of SL-ZD-02 arrive over time: version 1 (which the draw froze), then version 2.
    const published = (publishedAt: string, version: number, checkPoints: string[]): EventEnvelope<ItemsPublishedPayload> => ({
      id: randomUUID(), type: ItemsPublished.type, version: 1, occurredAt: publishedAt, source: 'planning',
      payload: {
        department: DEPT, publishedAt,
        items: [{ code: 'SL-ZD-02', name: ITEMS[0].name, version, category: '重点', legalBasis: '《中华人民共和国水法》', department: DEPT, method: '现场检查', checkPoints, targetScope: '采砂点' }],
      },
    });
    const v1 = published(fromTestNow(-2 * DAY_MS).toISOString(), 1, ['是否持证采砂', '是否按许可范围采砂']);
    const v2 = published(fromTestNow(-DAY_MS).toISOString(), 2, ['是否持证采砂', '是否按许可范围采砂', '是否设置公示牌']);
    // Delivered out of order: the older list after the newer one still records its version's points.
    for (const e of [v2, v1]) await h.probe.publish(eventSubject(h.prefix, e.type), e, e.id);
    await handled(h, v1.id);

    const located = { ...target(1, [inspector('a'), inspector('b')]), address: '某某市某某区滨江路8号', location: { latitude: 30.2741, longitude: 120.1551 } };
    await publishDraw(h, drawCompleted({ drawId, assignments: [located, target(2, [inspector('a'), inspector('b')]), target(3, [inspector('c'), inspector('d')]), target(4, [inspector('a'), inspector('b')]), target(5, [inspector('a'), inspector('b')]), target(6, [inspector('a'), inspector('b')])] }));
    await eventually(async () => (await count(h, `SELECT count(*)::int AS c FROM inspection.assignment WHERE draw_id = $1`, [drawId])) === 6, 10_000, 'the draw');
    withAddress = await assignmentIdOf(h, drawId, 'target-1');
    withoutAddress = await assignmentIdOf(h, drawId, 'target-2');
    theirs = await assignmentIdOf(h, drawId, 'target-3');
    toCancel = await assignmentIdOf(h, drawId, 'target-4');
    counted = await assignmentIdOf(h, drawId, 'target-5');
    weighed = await assignmentIdOf(h, drawId, 'target-6');
  }, 60_000);
  afterAll(() => h?.close());

  describe('worklist', () => {
    it('carries the registered address and coordinates, and each item version’s check points ([] when unknown)', async () => {
      const a = await as(h, ['inspector'], 'a');
      const detail = (await a.get(`/assignments/${withAddress}`).expect(200)).body;
      expect(detail.target).toMatchObject({ address: '某某市某某区滨江路8号', location: { latitude: 30.2741, longitude: 120.1551 } });
      // The task froze SL-ZD-02 version 1: its two points, not version 2's three. SL-YB-05 v2 was never published here.
      expect(detail.items).toEqual([
        { code: 'SL-ZD-02', name: ITEMS[0].name, version: 1, checkPoints: ['是否持证采砂', '是否按许可范围采砂'] },
        { code: 'SL-YB-05', name: ITEMS[1].name, version: 2, checkPoints: [] },
      ]);
      const old = (await a.get(`/assignments/${withoutAddress}`).expect(200)).body;
      expect(old.target).toMatchObject({ address: null, location: null });

      const list = (await a.get('/assignments/mine').expect(200)).body.items as { id: string; target: { address: string | null }; items: { checkPoints: string[] }[] }[];
      const entry = list.find((x) => x.id === withAddress)!;
      expect(entry.target.address).toBe('某某市某某区滨江路8号');
      expect(entry.items[0].checkPoints).toEqual(['是否持证采砂', '是否按许可范围采砂']);
      // The current list holds version 2; the per-version table both.
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.item_check_points WHERE code = 'SL-ZD-02'`)).toBe(2);
      expect(await h.ds.query(`SELECT version FROM inspection.listed_item WHERE code = 'SL-ZD-02'`)).toEqual([{ version: 2 }]);
    });
  });

  describe('resumable evidence upload', () => {
    it('takes a photo in three chunks, answers 409 with the offset to a chunk out of place, resumes, and stores exactly the bytes', async () => {
      const photo = png(2 * MIB + 4321, 7);
      const hash = sha(photo);
      const started = await begin('a', withAddress, {
        sha256: hash, size: photo.length, purpose: 'photo', fileName: '现场照片1.png', capturedAt: '2026-11-20T09:31:00+08:00', location: { latitude: 30.2742, longitude: 120.1553, accuracyMeters: 8 },
      }).expect(201);
      expect(started.body).toEqual({ sha256: hash, size: photo.length, offset: 0, complete: false });

      const first = await patch('a', withAddress, hash, 0, photo.subarray(0, MIB)).expect(204);
      expect(first.headers['upload-offset']).toBe(String(MIB));
      // The third chunk before the second: refused, with where to resume; nothing moves.
      const early = await patch('a', withAddress, hash, 2 * MIB, photo.subarray(2 * MIB)).expect(409);
      expect(early.headers['upload-offset']).toBe(String(MIB));
      expect(early.body.details).toEqual({ offset: MIB });
      // The phone lost the answer and asks (HEAD), or starts again (POST): both say where it stands, for any team member.
      const status = await head('b', withAddress, hash).expect(200);
      expect([status.headers['upload-offset'], status.headers['upload-length']]).toEqual([String(MIB), String(photo.length)]);
      expect((await begin('b', withAddress, { sha256: hash, size: photo.length, purpose: 'photo' }).expect(200)).body).toEqual({ sha256: hash, size: photo.length, offset: MIB, complete: false });

      expect((await patch('a', withAddress, hash, MIB, photo.subarray(MIB, 2 * MIB)).expect(204)).headers['upload-offset']).toBe(String(2 * MIB));
      // The second chunk again (a retry after a lost 204): 409, the phone moves on to 2 MiB.
      expect((await patch('a', withAddress, hash, MIB, photo.subarray(MIB, 2 * MIB)).expect(409)).headers['upload-offset']).toBe(String(2 * MIB));
      expect(stored()).toEqual([]);
      const done = await patch('a', withAddress, hash, 2 * MIB, photo.subarray(2 * MIB)).expect(201);
      expect(done.headers['upload-offset']).toBe(String(photo.length));
      expect(done.body).toMatchObject({
        sha256: hash, size: photo.length, contentType: 'image/png', purpose: 'photo', fileName: '现场照片1.png', uploadedBy: 'a',
        capturedAt: '2026-11-20T01:31:00.000Z', location: { latitude: 30.2742, longitude: 120.1553, accuracyMeters: 8 },
      });

      const download = await (await as(h, ['inspector'], 'b')).get(`/assignments/${withAddress}/evidence/${hash}`).responseType('blob').expect(200);
      expect(sha(download.body as Buffer)).toBe(hash);
      expect(stored()).toEqual([hash]);
      expect(partialsOf(withAddress)).toEqual([]);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.evidence_upload`)).toBe(0);
      // Finished: no upload under way any more; a new POST says it is stored.
      await head('a', withAddress, hash).expect(404);
      await patch('a', withAddress, hash, 2 * MIB, photo.subarray(2 * MIB)).expect(404);
      expect((await begin('a', withAddress, { sha256: hash, size: photo.length, purpose: 'photo' }).expect(200)).body).toMatchObject({ offset: photo.length, complete: true, evidence: { sha256: hash } });
    });

    it('answers 422 when the bytes do not have the declared SHA-256, stores nothing, and lets the upload start again at 0', async () => {
      const declared = png(3000, 1);
      const sent = png(3000, 2);
      await begin('a', withAddress, { sha256: sha(declared), size: 3000, purpose: 'photo' }).expect(201);
      await patch('a', withAddress, sha(declared), 0, sent.subarray(0, 1000)).expect(204);
      const evidenceBefore = await count(h, `SELECT count(*)::int AS c FROM inspection.evidence`);
      const refused = await patch('a', withAddress, sha(declared), 1000, sent.subarray(1000)).expect(422);
      expect(refused.body.message).toContain(`not the declared ${sha(declared)}`);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.evidence`)).toBe(evidenceBefore);
      expect(stored()).not.toContain(sha(declared));
      expect(stored()).not.toContain(sha(sent));
      expect(partialsOf(withAddress)).toEqual([]);
      expect((await head('a', withAddress, sha(declared)).expect(200)).headers['upload-offset']).toBe('0');
      // The right bytes from 0 complete it.
      await patch('a', withAddress, sha(declared), 0, declared).expect(201);
    });

    it('refuses a wrong type (415), active content (415), a chunk over 1 MiB (413), a size over the limit (413), a bad offset (400), a stranger (403)', async () => {
      const script = Buffer.concat([png(1000, 3), Buffer.from('<script>alert(1)</script>')]);
      expect((await uploadAll('a', withAddress, script, 'photo')).status).toBe(415);
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(996, 4)]);
      const notPng = await uploadAll('a', withAddress, jpeg, 'signature', 'c'.repeat(64));
      expect([notPng.status, notPng.body.message]).toEqual([415, 'a signature image must be a PNG (this file is image/jpeg)']);
      expect(stored()).not.toContain(sha(script));

      const big = png(MIB + 2, 5);
      await begin('a', withAddress, { sha256: sha(big), size: big.length, purpose: 'photo' }).expect(201);
      await patch('a', withAddress, sha(big), 0, big).expect(413);
      await request(h.app.url).patch(`${uploads(withAddress)}/${sha(big)}`).set('Authorization', auth('a')).set('Content-Type', 'application/octet-stream').set('Upload-Offset', '0').send(big.subarray(0, 10)).expect(415);
      await patch('a', withAddress, sha(big), '-1', big.subarray(0, 10)).expect(400);
      await patch('a', withAddress, sha(big), 'x', big.subarray(0, 10)).expect(400);
      expect((await head('a', withAddress, sha(big)).expect(200)).headers['upload-offset']).toBe('0');

      await begin('a', withAddress, { sha256: 'f'.repeat(64), size: 8 * MIB + 1, purpose: 'photo' }).expect(413);
      await begin('a', withAddress, { sha256: 'F'.repeat(64), size: 10, purpose: 'photo' }).expect(400);
      await begin('a', withAddress, { sha256: 'f'.repeat(64), size: 10, purpose: 'video' }).expect(400);
      await begin('c', withAddress, { sha256: sha(big), size: big.length, purpose: 'photo' }).expect(403);
      await patch('c', withAddress, sha(big), 0, big.subarray(0, 10)).expect(403);
      await head('c', withAddress, sha(big)).expect(403);
      await patch('a', theirs, sha(big), 0, big.subarray(0, 10)).expect(403);
      await patch('c', theirs, sha(big), 0, big.subarray(0, 10)).expect(404);
      await begin('a', randomUUID(), { sha256: sha(big), size: big.length, purpose: 'photo' }).expect(404);
    });

    it('answers 409 without an offset once the inspection is cancelled: nothing more is uploaded, and nothing tells the phone to resume', async () => {
      const photo = png(3000, 15);
      await begin('a', toCancel, { sha256: sha(photo), size: photo.length, purpose: 'photo' }).expect(201);
      await patch('a', toCancel, sha(photo), 0, photo.subarray(0, 1000)).expect(204);
      expect(partialsOf(toCancel)).toEqual([`${sha(photo)}.part`]);
      await (await as(h, ['officer'], 'officer-1')).post(`/assignments/${toCancel}/cancel`, { reason: '检查对象已注销' }).expect(200);
      // The unfinished upload went with the inspection: its row in the cancelling transaction, its bytes after it.
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.evidence_upload WHERE assignment_id = $1`, [toCancel])).toBe(0);
      expect(partialsOf(toCancel)).toEqual([]);
      const refused = await patch('a', toCancel, sha(photo), 1000, photo.subarray(1000)).expect(409);
      expect([refused.headers['upload-offset'], refused.body.message]).toEqual([undefined, expect.stringContaining('was cancelled')]);
      await head('a', toCancel, sha(photo)).expect(409);
      await begin('a', toCancel, { sha256: sha(photo), size: photo.length, purpose: 'photo' }).expect(409);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.evidence WHERE assignment_id = $1`, [toCancel])).toBe(0);
    });

    it('answers 413 to a chunk over 1 MiB sent without a Content-Length (chunked), and goes on answering', async () => {
      const photo = png(MIB + 100_000, 33);
      const hash = sha(photo);
      await begin('a', withAddress, { sha256: hash, size: photo.length, purpose: 'photo' }).expect(201);
      const refused = await rawPatch(withAddress, hash, 0, {}, (req) => {
        // Node sends a body without Content-Length chunked; the server learns its length only by reading it.
        for (let at = 0; at < photo.length; at += 64 * 1024) req.write(photo.subarray(at, at + 64 * 1024));
        req.end();
      });
      expect([refused.status, refused.body.message]).toEqual([413, `a chunk may carry at most ${MIB} bytes`]);
      // The process is still there and nothing was written.
      expect((await head('a', withAddress, hash).expect(200)).headers['upload-offset']).toBe('0');
      expect((await request(h.app.url).get('/health').expect(200)).status).toBe(200);
      await patch('a', withAddress, hash, 0, photo.subarray(0, MIB)).expect(204);
    });

    it('refuses a chunk for the wrong place, an unknown upload or a stranger before its body arrives', async () => {
      const photo = png(4000, 34);
      const hash = sha(photo);
      await begin('a', withAddress, { sha256: hash, size: photo.length, purpose: 'photo' }).expect(201);
      // Only the headers are sent (Content-Length 4000, no body): an answer here was given without reading it.
      const headersOnly = (req: http.ClientRequest) => req.flushHeaders();
      const early = await rawPatch(withAddress, hash, 1000, { 'Content-Length': '4000' }, headersOnly);
      expect([early.status, early.offset, early.body.details]).toEqual([409, '0', { offset: 0 }]);
      expect((await rawPatch(withAddress, 'e'.repeat(64), 0, { 'Content-Length': '4000' }, headersOnly)).status).toBe(404);
      expect((await rawPatch(theirs, hash, 0, { 'Content-Length': '4000' }, headersOnly)).status).toBe(403);
      // A chunk that would end beyond the declared size.
      expect((await rawPatch(withAddress, hash, 0, { 'Content-Length': '4001' }, headersOnly)).status).toBe(400);
      await patch('a', withAddress, hash, 0, photo).expect(201);
    });

    it('takes the inspection id in the URL in upper case too (a UUID), and keeps the bytes under the stored spelling', async () => {
      const upper = withAddress.toUpperCase();
      const photo = png(3000, 35);
      const hash = sha(photo);
      await begin('a', upper, { sha256: hash, size: photo.length, purpose: 'photo' }).expect(201);
      await patch('a', upper, hash, 0, photo.subarray(0, 1000)).expect(204);
      expect(partialsOf(withAddress)).toContain(`${hash}.part`);
      expect((await head('b', upper, hash).expect(200)).headers['upload-offset']).toBe('1000');
      expect((await patch('b', upper, hash, 1000, photo.subarray(1000)).expect(201)).body).toMatchObject({ assignmentId: withAddress, sha256: hash });
    });

    it('answers 507 with a clear message when the disk is full, keeps nothing, and takes the chunk again once there is room', async () => {
      const photo = png(3000, 36);
      const hash = sha(photo);
      await begin('a', weighed, { sha256: hash, size: photo.length, purpose: 'photo' }).expect(201);
      // The partial file is /dev/full: every write to it fails with ENOSPC, as on a full disk.
      const part = path.join(h.evidenceDir, 'uploads', weighed, `${hash}.part`);
      mkdirSync(path.dirname(part), { recursive: true });
      symlinkSync('/dev/full', part);
      const full = await patch('a', weighed, hash, 0, photo).expect(507);
      expect(full.body.message).toContain('no room left');
      unlinkSync(part);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.evidence WHERE assignment_id = $1`, [weighed])).toBe(0);
      expect((await head('a', weighed, hash).expect(200)).headers['upload-offset']).toBe('0');
      await patch('a', weighed, hash, 0, photo).expect(201);
    });

    it('caps the unfinished uploads of one inspection: 30 at once (409) and the bytes they declare (413, here 20 MiB); a finished one makes room', async () => {
      const files = Array.from({ length: 31 }, (_, i) => png(200, 100 + i));
      for (const f of files.slice(0, 30)) await begin('a', counted, { sha256: sha(f), size: f.length, purpose: 'photo' }).expect(201);
      const over = await begin('b', counted, { sha256: sha(files[30]), size: 200, purpose: 'photo' }).expect(409);
      expect(over.body.message).toContain('already has 30 unfinished uploads, the most it may have at once (30)');
      // One under way still answers where it stands; finishing it makes room for the next.
      await begin('b', counted, { sha256: sha(files[0]), size: 200, purpose: 'photo' }).expect(200);
      await patch('a', counted, sha(files[0]), 0, files[0]).expect(201);
      await begin('b', counted, { sha256: sha(files[30]), size: 200, purpose: 'photo' }).expect(201);

      await begin('a', weighed, { sha256: 'a1'.repeat(32), size: 8 * MIB, purpose: 'photo' }).expect(201);
      await begin('a', weighed, { sha256: 'a2'.repeat(32), size: 8 * MIB, purpose: 'photo' }).expect(201);
      const heavy = await begin('a', weighed, { sha256: 'a3'.repeat(32), size: 4 * MIB + 1, purpose: 'photo' }).expect(413);
      expect(heavy.body.message).toContain(`would declare ${20 * MIB + 1} bytes together, more than the ${20 * MIB} allowed`);
      await begin('a', weighed, { sha256: 'a3'.repeat(32), size: 4 * MIB, purpose: 'photo' }).expect(201);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.evidence_upload WHERE assignment_id = $1`, [weighed])).toBe(3);
    });

    it('gives a file one use: the same bytes as another purpose, or a signature image for another record, are a 409', async () => {
      const [R1, R2] = ['1a'.repeat(32), '2b'.repeat(32)];
      // A signature image needs the record it signs; a photo has none.
      await begin('a', withAddress, { sha256: 'f'.repeat(64), size: 100, purpose: 'signature' }).expect(400);
      await begin('a', withAddress, { sha256: 'f'.repeat(64), size: 100, purpose: 'photo', recordHash: R1 }).expect(400);

      const photo = png(2500, 37);
      await begin('a', withAddress, { sha256: sha(photo), size: photo.length, purpose: 'photo' }).expect(201);
      expect((await begin('b', withAddress, { sha256: sha(photo), size: photo.length, purpose: 'signature', recordHash: R1 }).expect(409)).body.message).toContain('as a photo');
      await patch('a', withAddress, sha(photo), 0, photo).expect(201);
      await begin('b', withAddress, { sha256: sha(photo), size: photo.length, purpose: 'signature', recordHash: R1 }).expect(409);

      const sig = png(1800, 38);
      const asSignature = (recordHash: string) => ({ sha256: sha(sig), size: sig.length, purpose: 'signature', recordHash });
      await begin('a', withAddress, asSignature(R1)).expect(201);
      expect((await begin('a', withAddress, asSignature(R2)).expect(409)).body.message).toContain(`for record ${R1}; it cannot sign record ${R2}`);
      await begin('a', withAddress, { sha256: sha(sig), size: sig.length, purpose: 'photo' }).expect(409);
      const a = await as(h, ['inspector'], 'a');
      await a.upload(`/assignments/${withAddress}/evidence`, sig, 'sig.png').expect(409);
      await patch('a', withAddress, sha(sig), 0, sig).expect(201);
      await begin('a', withAddress, asSignature(R2)).expect(409);
      await a.upload(`/assignments/${withAddress}/evidence`, sig, 'sig.png').expect(409);
      expect((await begin('a', withAddress, asSignature(R1)).expect(200)).body).toMatchObject({ complete: true, evidence: { sha256: sha(sig), purpose: 'signature' } });
    });

    it('sweeps uploads left untouched for longer than the time to live (7 days), their bytes included, and keeps the others', async () => {
      const abandoned = png(5000, 9);
      await begin('c', theirs, { sha256: sha(abandoned), size: abandoned.length, purpose: 'photo' }).expect(201);
      await patch('c', theirs, sha(abandoned), 0, abandoned.subarray(0, 2000)).expect(204);
      expect(partialsOf(theirs)).toEqual([`${sha(abandoned)}.part`]);
      const sweeper = h.app.app.get(AbandonedUploadsSweeper);
      expect(await sweeper.sweepOnce(fromTestNow(7 * DAY_MS - HOUR_MS))).toBe(0);
      expect(partialsOf(theirs)).toEqual([`${sha(abandoned)}.part`]);
      const pending = await count(h, `SELECT count(*)::int AS c FROM inspection.evidence_upload`);
      expect(await sweeper.sweepOnce(fromTestNow(8 * DAY_MS))).toBe(pending);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.evidence_upload`)).toBe(0);
      expect(partialsOf(theirs)).toEqual([]);
      await head('c', theirs, sha(abandoned)).expect(404);
      // Recorded as the job, like the other background passes.
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.audit_record WHERE action = 'job inspection.abandoned-upload-sweep'`)).toBe(1);
    });
  });

  describe('signatures bound to the record', () => {
    let photo: string;
    let inspectorSig: string; // a's, for body()'s record
    let partySig: string; // drawn on b's phone, for body()'s record
    let signedResult: string; // the revision signed by a and the party, which b confirms and signs

    const body = () => cleanResult({ evidence: [photo], summary: '未发现问题。' });
    const hashOf = (b: Record<string, unknown>, id = withoutAddress) => createHash('sha256').update(recordForSigning({ ...(b as unknown as SignableResult), assignmentId: id }), 'utf8').digest('hex');
    const signed = (b: Record<string, unknown>, recordHash: string, signatureHash = recordHash) => ({
      ...b,
      recordHash,
      signatures: [
        { signer: 'inspector', inspectorId: 'a', image: inspectorSig, signedAt: fromTestNow(-30 * 60_000).toISOString(), recordHash: signatureHash },
        { signer: 'party', name: '某某砂石有限公司 王某', image: partySig, signedAt: fromTestNow(-29 * 60_000).toISOString(), recordHash: signatureHash },
      ],
    });
    const results = () => count(h, `SELECT count(*)::int AS c FROM inspection.inspection_result`);

    beforeAll(async () => {
      const p = png(4000, 11);
      expect((await uploadAll('a', withoutAddress, p, 'photo')).status).toBe(201);
      photo = sha(p);
      // The record first, then the signatures drawn for it, uploaded with its hash.
      const recordHash = hashOf(body());
      const s1 = png(1500, 12);
      const s2 = png(1600, 13);
      expect((await uploadAll('a', withoutAddress, s1, 'signature', recordHash)).status).toBe(201);
      expect((await uploadAll('b', withoutAddress, s2, 'signature', recordHash)).status).toBe(201);
      [inspectorSig, partySig] = [sha(s1), sha(s2)];
    });

    it('refuses signatures of another version of the record with one 400 listing every problem, and writes nothing', async () => {
      const b = body();
      const stale = hashOf({ ...b, place: '另一个地点' }); // signed before the place was corrected
      const a = await as(h, ['inspector'], 'a');
      const rows = async () => [
        await results(),
        await count(h, `SELECT count(*)::int AS c FROM inspection.idempotency_record`),
        await count(h, `SELECT count(*)::int AS c FROM inspection.audit_record`),
      ];
      const before = await rows();
      const res = await a.post(`/assignments/${withoutAddress}/results`, signed(b, stale), randomUUID()).expect(400);
      expect(res.body.details.problems).toEqual([
        expect.stringContaining(`recordHash ${stale} is not the SHA-256 of the submitted record (the server computes ${hashOf(b)})`),
        'signatures[0].recordHash does not match the submitted record: it signs another version of it',
        'signatures[1].recordHash does not match the submitted record: it signs another version of it',
      ]);
      // A photo as a signature, a signature image among the evidence, an outsider signing: all listed.
      const mixedRecord = { ...b, evidence: [photo, partySig] };
      const mixed = signed(mixedRecord, hashOf(mixedRecord));
      (mixed.signatures[0] as Record<string, unknown>).image = photo;
      (mixed.signatures[0] as Record<string, unknown>).inspectorId = 'c';
      const res2 = await a.post(`/assignments/${withoutAddress}/results`, mixed, randomUUID()).expect(400);
      expect(res2.body.details.problems).toEqual([
        'signatures[0].inspectorId c is not an inspector of this inspection\'s team',
        `signatures[0].image ${photo} was uploaded as a photo, not as a signature`,
        `signatures[0].image ${photo} is also listed in evidence: signature images are not evidence`,
        `signatures[1].image ${partySig} was uploaded to sign another record (recordHash ${hashOf(b)}), not this one (${hashOf(mixedRecord)}): the signature must be drawn again for this record`,
        `signatures[1].image ${partySig} is also listed in evidence: signature images are not evidence`,
      ]);
      expect(await rows()).toEqual(before);
    });

    it('refuses signature images drawn for an earlier version of the record, even when the record hash is computed anew', async () => {
      // The record was changed after both signed; the phone recomputes recordHash but reuses the old images.
      const changed = { ...body(), place: '更正后的检查地点' };
      const before = await results();
      const res = await (await as(h, ['inspector'], 'a')).post(`/assignments/${withoutAddress}/results`, signed(changed, hashOf(changed)), randomUUID()).expect(400);
      const why = `was uploaded to sign another record (recordHash ${hashOf(body())}), not this one (${hashOf(changed)}): the signature must be drawn again for this record`;
      expect(res.body.details.problems).toEqual([`signatures[0].image ${inspectorSig} ${why}`, `signatures[1].image ${partySig} ${why}`]);
      expect(await results()).toBe(before);
    });

    it('takes, in a submission, only the submitter’s own inspector signature, with an image they uploaded', async () => {
      const b = body();
      const recordHash = hashOf(b);
      const a = await as(h, ['inspector'], 'a');
      const at = fromTestNow(-30 * 60_000).toISOString();
      const before = await results();
      // The co-inspector's signature sent by the submitter: b signs when confirming.
      const forB = await a.post(`/assignments/${withoutAddress}/results`, {
        ...b, recordHash, signatures: [
          { signer: 'inspector', inspectorId: 'b', image: partySig, signedAt: at, recordHash },
          { signer: 'party', name: '某某砂石有限公司 王某', image: inspectorSig, signedAt: at, recordHash },
        ],
      }, randomUUID()).expect(400);
      expect(forB.body.details.problems).toEqual(['signatures[0].inspectorId b: in a submission only its submitter (a) signs as inspector; the other inspectors sign when they confirm it']);
      // a's name on the image b uploaded.
      const notMine = await a.post(`/assignments/${withoutAddress}/results`, {
        ...b, recordHash, signatures: [
          { signer: 'inspector', inspectorId: 'a', image: partySig, signedAt: at, recordHash },
          { signer: 'party', name: '某某砂石有限公司 王某', image: inspectorSig, signedAt: at, recordHash },
        ],
      }, randomUUID()).expect(400);
      expect(notMine.body.details.problems).toEqual([`signatures[0].image ${partySig} was uploaded by b: an inspector signs with an image they uploaded themselves`]);
      expect(await results()).toBe(before);
    });

    it('records a result whose signatures sign its hash (the URL may spell the id in upper case), and shows recordHash and signatures', async () => {
      const b = body();
      const recordHash = hashOf(b);
      // The phone hashes the id as it has it (lower case); the server hashes the id it stores, however the URL spells it.
      const res = await (await as(h, ['inspector'], 'a')).post(`/assignments/${withoutAddress.toUpperCase()}/results`, signed(b, recordHash), randomUUID()).expect(201);
      signedResult = res.body.id as string;
      expect([res.body.assignmentId, res.body.recordHash]).toEqual([withoutAddress, recordHash]);
      expect(res.body.signatures).toEqual([
        { signer: 'inspector', inspectorId: 'a', image: inspectorSig, signedAt: fromTestNow(-30 * 60_000).toISOString(), recordHash },
        { signer: 'party', name: '某某砂石有限公司 王某', image: partySig, signedAt: fromTestNow(-29 * 60_000).toISOString(), recordHash },
      ]);
      expect(res.body.evidence).toEqual([photo]);
      // The co-inspector reads the same, and the record as hashed is kept for a later check.
      const detail = (await (await as(h, ['inspector'], 'b')).get(`/assignments/${withoutAddress}`).expect(200)).body;
      expect(detail.results[0]).toMatchObject({ recordHash, signatures: res.body.signatures });
      expect(detail.evidence.map((e: { sha256: string; purpose: string }) => [e.sha256, e.purpose]).sort()).toEqual([[photo, 'photo'], [inspectorSig, 'signature'], [partySig, 'signature']].sort());
      const [row] = (await h.ds.query(`SELECT signed_record FROM inspection.inspection_result WHERE id = $1`, [res.body.id])) as { signed_record: string }[];
      expect(createHash('sha256').update(row.signed_record, 'utf8').digest('hex')).toBe(recordHash);
      expect(JSON.parse(row.signed_record)).toMatchObject({ assignmentId: withoutAddress, place: b.place, evidence: [photo], inspectedAt: b.inspectedAt });
      // Each signature image is stored with the record it was uploaded for.
      expect(await h.ds.query(`SELECT sha256, record_hash AS "recordHash" FROM inspection.evidence WHERE assignment_id = $1 AND purpose = 'signature' ORDER BY sha256`, [withoutAddress]))
        .toEqual([inspectorSig, partySig].sort().map((sha256) => ({ sha256, recordHash })));
    });

    it('lets the co-inspector sign when confirming, with their own image for this record, once; the result view lists it', async () => {
      const recordHash = hashOf(body());
      const b = await as(h, ['inspector'], 'b');
      const url = `/results/${signedResult}/confirm`;
      const signedAt = fromTestNow(-20 * 60_000).toISOString();
      const mine = png(1900, 16);
      const forAnother = png(1950, 17);
      expect((await uploadAll('b', withoutAddress, mine, 'signature', recordHash)).status).toBe(201);
      expect((await uploadAll('b', withoutAddress, forAnother, 'signature', 'e'.repeat(64))).status).toBe(201);
      const confirmations = () => count(h, `SELECT count(*)::int AS c FROM inspection.result_confirmation WHERE result_id = $1`, [signedResult]);
      const before = await confirmations();

      const wrongRecord = await b.post(url, { signature: { image: sha(forAnother), signedAt } }).expect(400);
      expect(wrongRecord.body.details.problems).toEqual([expect.stringContaining(`signature.image ${sha(forAnother)} was uploaded to sign another record (recordHash ${'e'.repeat(64)})`)]);
      const othersImage = await b.post(url, { signature: { image: inspectorSig, signedAt } }).expect(400);
      expect(othersImage.body.details.problems).toEqual([
        `signature.image ${inspectorSig} was uploaded by a: an inspector signs with an image they uploaded themselves`,
        `signature.image ${inspectorSig} is already used by another signature of this record`,
      ]);
      await b.post(url, { signature: { image: sha(mine) } }).expect(400);
      expect(await confirmations()).toBe(before);

      const done = await b.post(url, { signature: { image: sha(mine), signedAt } }).expect(200);
      const bSignature = { signer: 'inspector', inspectorId: 'b', image: sha(mine), signedAt, recordHash };
      expect(done.body).toMatchObject({ status: 'confirmed', version: 1 });
      expect(done.body.signatures).toEqual([expect.objectContaining({ inspectorId: 'a' }), expect.objectContaining({ signer: 'party' }), bSignature]);
      // A retry with the same signature is answered as before; another signature by b is refused.
      expect((await b.post(url, { signature: { image: sha(mine), signedAt } }).expect(200)).body.signatures).toEqual(done.body.signatures);
      expect((await b.post(url, { signature: { image: sha(forAnother), signedAt } }).expect(409)).body.message).toContain('an inspector signs a record once');
      // The submitter signed in the submission; a second one of theirs is refused too.
      await (await as(h, ['inspector'], 'a')).post(url, { signature: { image: sha(forAnother), signedAt } }).expect(409);
      expect((await b.get(`/results/${signedResult}`).expect(200)).body.signatures).toEqual(done.body.signatures);
    });

    it('records a refusal to sign with its reason and witness, and a desk result with no signatures at all (confirmed without a signature)', async () => {
      const id = withAddress;
      const b = cleanResult();
      const recordHash = hashOf(b, id);
      const sig = png(1700, 14);
      expect((await uploadAll('b', id, sig, 'signature', recordHash)).status).toBe(201);
      const refusal = {
        ...b, recordHash,
        signatures: [
          { signer: 'inspector', inspectorId: 'b', image: sha(sig), signedAt: TEST_NOW, recordHash },
          { signer: 'party', refused: true, refusalReason: '当事人对检查结果有异议，拒绝签字', witness: { name: '李某', role: '村委会工作人员' }, signedAt: TEST_NOW, recordHash },
        ],
      };
      const res = await (await as(h, ['inspector'], 'b')).post(`/assignments/${id}/results`, refusal, randomUUID()).expect(201);
      expect(res.body.signatures[1]).toEqual({ signer: 'party', refused: true, refusalReason: '当事人对检查结果有异议，拒绝签字', witness: { name: '李某', role: '村委会工作人员' }, signedAt: TEST_NOW, recordHash });

      const desk = await (await as(h, ['inspector'], 'c')).post(`/assignments/${theirs}/results`, cleanResult({ channel: 'desktop' }), randomUUID()).expect(201);
      expect([desk.body.recordHash, desk.body.signatures]).toEqual([null, []]);
      // Nothing to sign: a signature with the confirmation is refused, a confirmation without one is taken.
      const d = await as(h, ['inspector'], 'd');
      const unsigned = await d.post(`/results/${desk.body.id}/confirm`, { signature: { image: 'd'.repeat(64), signedAt: TEST_NOW } }).expect(400);
      expect(unsigned.body.details.problems).toEqual([expect.stringContaining('this record was not prepared for signing')]);
      expect((await d.post(`/results/${desk.body.id}/confirm`).expect(200)).body).toMatchObject({ status: 'confirmed', signatures: [] });
    });
  });
});
