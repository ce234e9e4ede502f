import { createHash } from 'node:crypto';
import { recordForSigning, recordHashOf, type SignableResult } from './record-for-signing.js';

const base: SignableResult = {
  assignmentId: '5b0c9a3e-1f53-4f39-9a53-0d4c2d6f7a11',
  outcome: '发现问题已责令改正',
  findings: [{ itemCode: 'SL-ZD-02', checkPoints: [{ label: '是否持证采砂', compliant: false, index: 0, description: '无证', legalProvision: '《水法》第三十九条', rectificationDeadline: '2026-12-20' }] }],
  inspectedAt: '2026-11-20T10:30:00+08:00',
  place: '某某河段3号采砂点',
  location: { latitude: 30.27, longitude: 120.15, accuracyMeters: 12 },
  evidence: ['b'.repeat(64), 'a'.repeat(64)],
  summary: '发现1项问题',
};

describe('recordForSigning', () => {
  it('is canonical JSON of the ten record fields, keys sorted at every level, absent fields as null, evidence sorted', () => {
    const text = recordForSigning(base);
    expect(text).toBe(
      '{"assignmentId":"5b0c9a3e-1f53-4f39-9a53-0d4c2d6f7a11",' +
        `"evidence":["${'a'.repeat(64)}","${'b'.repeat(64)}"],` +
        '"findings":[{"checkPoints":[{"compliant":false,"description":"无证","index":0,"label":"是否持证采砂","legalProvision":"《水法》第三十九条","rectificationDeadline":"2026-12-20"}],"itemCode":"SL-ZD-02"}],' +
        '"followUpBy":null,"inspectedAt":"2026-11-20T10:30:00+08:00",' +
        '"location":{"accuracyMeters":12,"latitude":30.27,"longitude":120.15},' +
        '"outcome":"发现问题已责令改正","place":"某某河段3号采砂点","rectification":null,"summary":"发现1项问题"}',
    );
    expect(text).not.toMatch(/\s(?=["{[])/); // no whitespace between tokens
  });

  it('does not depend on key order, duplicate evidence or fields outside the record', () => {
    const shuffled = {
      summary: base.summary, evidence: ['a'.repeat(64), 'b'.repeat(64), 'a'.repeat(64)], place: base.place, location: { accuracyMeters: 12, longitude: 120.15, latitude: 30.27 },
      inspectedAt: base.inspectedAt, findings: [{ itemCode: 'SL-ZD-02', checkPoints: [{ rectificationDeadline: '2026-12-20', legalProvision: '《水法》第三十九条', description: '无证', index: 0, compliant: false, label: '是否持证采砂' }] }],
      outcome: base.outcome, assignmentId: base.assignmentId, channel: 'mobile', correctionReason: 'x', signatures: [], recordHash: 'f'.repeat(64),
    } as SignableResult;
    expect(recordForSigning(shuffled)).toBe(recordForSigning(base));
  });

  it('changes with every field of the record', () => {
    const before = recordForSigning(base);
    const changes: Partial<SignableResult>[] = [
      { assignmentId: '00000000-0000-4000-8000-000000000000' }, { outcome: '未发现问题' }, { findings: [] }, { inspectedAt: '2026-11-20T02:30:00Z' },
      { place: '某某河段4号采砂点' }, { location: null }, { location: { latitude: 30.27, longitude: 120.15 } }, { evidence: [] }, { summary: null },
      { rectification: '整改到位' }, { followUpBy: '2027-01-15' },
    ];
    for (const change of changes) expect([change, recordForSigning({ ...base, ...change })]).not.toEqual([change, before]);
  });

  it('writes a location without accuracy with accuracyMeters null, and no location as null', () => {
    expect(recordForSigning({ ...base, location: { latitude: 1, longitude: 2 } })).toContain('"location":{"accuracyMeters":null,"latitude":1,"longitude":2}');
    expect(recordForSigning({ ...base, location: undefined })).toContain('"location":null');
    expect(recordForSigning({ ...base, evidence: undefined })).toContain('"evidence":[]');
  });
});

describe('recordHashOf', () => {
  it('is the hex SHA-256 of the UTF-8 bytes of the record, as node:crypto computes it', () => {
    const expected = createHash('sha256').update(Buffer.from(recordForSigning(base), 'utf8')).digest('hex');
    expect(recordHashOf(base)).toBe(expected);
    expect(recordHashOf(base)).toMatch(/^[0-9a-f]{64}$/);
  });
});
