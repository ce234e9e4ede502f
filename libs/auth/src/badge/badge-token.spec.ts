import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { badgeKeyProblem, developmentBadgeKeys, loadBadgeSigningKey, loadBadgeVerifyKey } from './badge-keys.js';
import { BADGE_AUDIENCE, BADGE_ISSUER, buildBadgeClaims, claimsOf, publicTargetLabel, signBadge, verifyBadge } from './badge-token.js';

const NOW = new Date('2026-11-20T02:00:00Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const { privateKey, publicKey } = developmentBadgeKeys();

const assignment = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  taskName: '2026年取水单位双随机抽查',
  items: [{ name: '对取水许可制度执行情况的行政检查' }, { name: '对计划用水执行情况的行政检查' }],
  targetName: '东江水务有限公司',
  targetKind: 'organisation',
  notBefore: '2026-11-18',
  dueDate: '2026-12-18',
};

describe('badge claims', () => {
  it('names an organisation, but only the kind of an individual business or a natural person', () => {
    expect(publicTargetLabel('organisation', ' 东江水务有限公司 ')).toBe('东江水务有限公司');
    expect(publicTargetLabel('project', '堤防加固工程')).toBe('堤防加固工程');
    expect(publicTargetLabel('natural_person', '张三')).toBe('个人（姓名不公开）');
    expect(publicTargetLabel('individual_business', '李四洗涤服务部')).toBe('个体工商户（名称不公开）');
    // A kind this code does not know is never named.
    expect(publicTargetLabel('household', '王五家庭农场')).toBe('个人（姓名不公开）');
  });

  it('carries the officer, and for a visit the task, items, target and planned window', () => {
    expect(buildBadgeClaims({ id: 'insp-1', certificateNo: 'ZF-0001' })).toEqual({ officerId: 'insp-1', certificateNo: 'ZF-0001' });
    expect(buildBadgeClaims({ id: 'insp-1', certificateNo: 'ZF-0001' }, assignment)).toEqual({
      officerId: 'insp-1',
      certificateNo: 'ZF-0001',
      assignment: { id: assignment.id, task: assignment.taskName, items: ['对取水许可制度执行情况的行政检查', '对计划用水执行情况的行政检查'], target: '东江水务有限公司', from: '2026-11-18', to: '2026-12-18' },
    });
  });

  it('keeps the token short: at most 10 items, long names clipped', () => {
    const many = { ...assignment, taskName: '长'.repeat(300), items: Array.from({ length: 14 }, (_, i) => ({ name: `事项${i}` })) };
    const claims = buildBadgeClaims({ id: 'insp-1', certificateNo: 'ZF-0001' }, many);
    expect(claims.assignment!.items).toHaveLength(10);
    expect(claims.assignment!.items[9]).toBe('等共14项');
    expect(claims.assignment!.task.length).toBe(100);
  });

  it('refuses payloads of another shape', () => {
    expect(claimsOf({ sub: 'x', cno: 'ZF-1', exp: 1 })).toEqual({ officerId: 'x', certificateNo: 'ZF-1' });
    expect(claimsOf({ sub: 'x', exp: 1 })).toBeUndefined();
    expect(claimsOf({ sub: 'x', cno: 'ZF-1', exp: 1, asg: 'nope' })).toBeUndefined();
    expect(claimsOf({ sub: 'x', cno: 'ZF-1', exp: 1, asg: { id: 'a', task: 't', items: [], target: 'x', from: '2026-1-1', to: '2026-01-02' } })).toBeUndefined();
    expect(claimsOf({ sub: 'x\u0000', cno: 'ZF-1', exp: 1 })).toBeUndefined();
  });
});

describe('badge tokens', () => {
  const claims = buildBadgeClaims({ id: 'insp-1', certificateNo: 'ZF-0001' }, assignment);

  it('verifies a fresh token and tells when it expires', async () => {
    const { token, expiresAt } = await signBadge(claims, privateKey, NOW, 900);
    expect(expiresAt).toEqual(later(900));
    expect(await verifyBadge(token, publicKey, later(899))).toEqual({ outcome: 'valid', claims, expiresAt });
  });

  it('says expired (genuine but stale) after its expiry', async () => {
    const { token, expiresAt } = await signBadge(claims, privateKey, NOW, 900);
    expect(await verifyBadge(token, publicKey, later(901))).toEqual({ outcome: 'expired', claims, expiresAt });
  });

  it('refuses a code signed to live longer than inspection may make one (an hour)', async () => {
    const { token } = await signBadge(claims, privateKey, NOW, 7200);
    expect(await verifyBadge(token, publicKey, later(60))).toEqual({ outcome: 'forged' });
    const { token: hour, expiresAt } = await signBadge(claims, privateKey, NOW, 3600);
    expect(await verifyBadge(hour, publicKey, later(60))).toEqual({ outcome: 'valid', claims, expiresAt });
  });

  it('says forged for another key, a tampered payload, a wrong algorithm and garbage', async () => {
    const other = generateKeyPairSync('ed25519');
    const { token: foreign } = await signBadge(claims, other.privateKey, NOW, 900);
    expect(await verifyBadge(foreign, publicKey, NOW)).toEqual({ outcome: 'forged' });

    const { token } = await signBadge(claims, privateKey, NOW, 900);
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...payload, sub: 'someone-else' })).toString('base64url');
    expect(await verifyBadge(`${h}.${tampered}.${s}`, publicKey, NOW)).toEqual({ outcome: 'forged' });
    // An expired token with a moved expiry is forged, not "expired".
    const extended = Buffer.from(JSON.stringify({ ...payload, exp: (payload.exp as number) + 3600 })).toString('base64url');
    expect(await verifyBadge(`${h}.${extended}.${s}`, publicKey, later(1000))).toEqual({ outcome: 'forged' });

    const hs = await new SignJWT({ cno: 'ZF-0001' }).setProtectedHeader({ alg: 'HS256', typ: 'badge+jwt' }).setSubject('insp-1').setIssuer(BADGE_ISSUER).setAudience(BADGE_AUDIENCE)
      .setIssuedAt(NOW).setExpirationTime(later(900)).sign(new TextEncoder().encode('0123456789abcdef0123456789abcdef'));
    expect(await verifyBadge(hs, publicKey, NOW)).toEqual({ outcome: 'forged' });

    for (const garbage of [undefined, '', 'abc', 'a.b.c', '%%%.%%%.%%%', 'x'.repeat(5000)]) expect(await verifyBadge(garbage, publicKey, NOW)).toEqual({ outcome: 'forged' });
  });

  it('refuses a token of another audience or issuer signed with the same key', async () => {
    const wrongAudience = await new SignJWT({ cno: 'ZF-0001' }).setProtectedHeader({ alg: 'EdDSA', typ: 'badge+jwt' }).setSubject('insp-1').setIssuer(BADGE_ISSUER).setAudience('spotcheck')
      .setIssuedAt(NOW).setExpirationTime(later(900)).sign(privateKey);
    expect(await verifyBadge(wrongAudience, publicKey, NOW)).toEqual({ outcome: 'forged' });
  });
});

describe('badge keys', () => {
  it('derives the same development key pair every time', () => {
    const a = developmentBadgeKeys();
    const b = developmentBadgeKeys();
    expect(a.publicKey.export({ format: 'jwk' })).toEqual(b.publicKey.export({ format: 'jwk' }));
    expect(loadBadgeSigningKey(undefined).development).toBe(true);
    expect(loadBadgeVerifyKey('').development).toBe(true);
  });

  it('knows the development pair when it is pasted in as a setting, which production then refuses', () => {
    const { privateKey: devPrivate, publicKey: devPublic } = developmentBadgeKeys();
    const pem = devPrivate.export({ format: 'pem', type: 'pkcs8' }).toString();
    const spki = devPublic.export({ format: 'pem', type: 'spki' }).toString();
    expect(loadBadgeSigningKey(pem).development).toBe(true);
    expect(loadBadgeVerifyKey(spki).development).toBe(true);
    expect(badgeKeyProblem(spki, 'verify')).toContain('public development key');
    expect(badgeKeyProblem(generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString(), 'verify')).toBeUndefined();
  });

  it('reads PEM (also with literal \\n) and JWK, and refuses other keys', () => {
    const pair = generateKeyPairSync('ed25519');
    const pem = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const spki = pair.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(loadBadgeSigningKey(pem).development).toBe(false);
    expect(loadBadgeSigningKey(pem.replace(/\n/g, '\\n')).key.asymmetricKeyType).toBe('ed25519');
    expect(loadBadgeSigningKey(JSON.stringify(pair.privateKey.export({ format: 'jwk' }))).development).toBe(false);
    expect(loadBadgeVerifyKey(spki).development).toBe(false);
    expect(loadBadgeVerifyKey(JSON.stringify(pair.publicKey.export({ format: 'jwk' }))).development).toBe(false);
    // The portal must not be handed the private key.
    expect(() => loadBadgeVerifyKey(pem)).toThrow(/public key/);
    expect(() => loadBadgeVerifyKey(JSON.stringify(pair.privateKey.export({ format: 'jwk' })))).toThrow(/public key/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => loadBadgeSigningKey(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())).toThrow(/Ed25519/);
    expect(() => loadBadgeSigningKey('not a key')).toThrow(/BADGE_SIGNING_KEY/);
  });
});
