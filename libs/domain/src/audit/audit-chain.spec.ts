import { createHash } from 'node:crypto';
import { AuditChainWalker, GENESIS_HASH, auditHash, entityKeys, portableSha256Hex, stateDigest, type AuditEntry } from './audit-chain.js';

function chain(n: number): { entry: AuditEntry; hash: string }[] {
  const out: { entry: AuditEntry; hash: string }[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry: AuditEntry = {
      seq,
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      at: `2026-11-20T02:00:0${seq % 10}.000Z`,
      subject: 'officer-1',
      roles: ['officer'],
      department: '水政监察大队',
      action: 'POST /notices/:id/publish',
      entityIds: [`n-${seq}`],
      changes: [{ entity: 'notice', id: `n-${seq}`, op: 'update', before: stateDigest({ status: 'draft' }), after: stateDigest({ status: 'published' }) }],
      requestId: `r-${seq}`,
      prevHash,
    };
    const hash = auditHash(entry);
    out.push({ entry, hash });
    prevHash = hash;
  }
  return out;
}

const walk = (records: { entry: AuditEntry; hash: string }[]) => {
  const walker = new AuditChainWalker();
  for (const r of records) {
    const broken = walker.check(r.entry, r.hash);
    if (broken) return broken;
  }
  return null;
};

describe('audit hash chain', () => {
  it('accepts an intact chain and reports its head', () => {
    const records = chain(5);
    const walker = new AuditChainWalker();
    for (const r of records) expect(walker.check(r.entry, r.hash)).toBeNull();
    expect([walker.checked, walker.head]).toEqual([5, records[4].hash]);
  });

  it('names a changed record', () => {
    const records = chain(5);
    records[2].entry.subject = 'someone-else';
    expect(walk(records)).toEqual({ seq: 3, id: records[2].entry.id, reason: expect.stringContaining('content does not match') });
  });

  it('names the record after one that was changed and re-hashed', () => {
    const records = chain(5);
    records[1].entry.action = 'DELETE /x';
    records[1].hash = auditHash(records[1].entry);
    expect(walk(records)).toMatchObject({ seq: 3, reason: expect.stringContaining('previous-record hash') });
  });

  it('names a deleted record by its sequence number', () => {
    const records = chain(6);
    records.splice(3, 2);
    expect(walk(records)).toEqual({ seq: 4, id: null, reason: 'record 4–5 missing (deleted)' });
  });

  it('hashes independently of key order and changes with any field', () => {
    const [{ entry }] = chain(1);
    const reordered = Object.fromEntries(Object.entries(entry).reverse()) as unknown as AuditEntry;
    expect(auditHash(reordered)).toBe(auditHash(entry));
    expect(auditHash({ ...entry, roles: ['admin'] })).not.toBe(auditHash(entry));
    expect(stateDigest({ a: 1, b: 2 })).toBe(stateDigest({ b: 2, a: 1 }));
  });

  it('hashes the same with the portable SHA-256 as with node:crypto', () => {
    const text = `${'审计'.repeat(100)}\n{"a":1}`;
    expect(portableSha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
    const [{ entry, hash }] = chain(1);
    expect(auditHash(entry, (t) => createHash('sha256').update(t).digest('hex'))).toBe(hash);
  });

  it('indexes named ids and changed rows once each', () => {
    expect(entityKeys(['a', 'b'], [{ entity: 't', id: 'b', op: 'insert', before: null, after: 'x' }, { entity: 't', id: 'c', op: 'delete', before: 'y', after: null }])).toEqual(['a', 'b', 'c']);
  });
});
