import { createHash } from 'node:crypto';
import { recordHashOf } from '../../../../../libs/domain/src/signing/record-for-signing';
import type { Assignment } from '../api/types';
import { distanceMeters, mapLink, placeWarnings } from '../geo';
import { match } from '../router-match';
import { worklist } from '../worklist';
import { emptyDraft, pointKey, type Draft } from './draft';
import { answeredCount, findingsOf, problemsOf, recordForSigning, signableOf, submissionOf } from './record';

const assignment = (over: Partial<Assignment> = {}): Assignment => ({
  id: 'a-1', kind: 'immediate', status: 'in_progress', task: { taskId: null, drawId: null, name: '即时检查', number: null }, department: '水政监察大队',
  target: { id: 't-1', name: '某某砂场', code: null, kind: 'organisation', region: null, address: '某某河段3号', location: { latitude: 30.27, longitude: 120.15 } },
  items: [{ code: 'SL-01', name: '取水许可', version: 1, checkPoints: ['许可证有效', '计量设施正常'] }, { code: 'SL-02', name: '河道采砂', version: 1, checkPoints: [] }],
  dueDate: '2026-12-01', team: [{ inspectorId: 'i-1', name: '张三', department: null, certificateNo: 'SL1' }, { inspectorId: 'i-2', name: '李四', department: null, certificateNo: 'SL2' }],
  reason: null, notBefore: '2026-11-01', startedAt: null, followUpOf: null, results: [], ...over,
});

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function started(): Draft {
  const d = emptyDraft('a-1', 'u-1', 'i-1', '某某河段3号', 0);
  d.startedAt = Date.parse('2026-11-20T02:30:00Z');
  d.inspectedAt = '2026-11-20T10:30:00+08:00';
  d.fix = { latitude: 30.2701, longitude: 120.1502, accuracyMeters: 12.34 };
  return d;
}

function signAll(d: Draft, hash: string): void {
  d.inspectorSignatures = [{ inspectorId: 'i-1', name: '张三', fileId: 'f1', sha256: 'a'.repeat(64), signedAt: '2026-11-20T10:50:00+08:00', recordHash: hash }];
  d.party = { mode: 'signed', name: '王五', fileId: 'f2', sha256: 'b'.repeat(64), signedAt: '2026-11-20T10:51:00+08:00', recordHash: hash };
}

describe('a visit’s record', () => {
  it('lists every problem at once, in words the inspector acts on', () => {
    const a = assignment();
    const d = emptyDraft('a-1', 'u-1', 'i-1', '', 0);
    d.outcome = '发现问题已责令改正';
    d.answers[pointKey('SL-01', 0)] = { answer: 'no' };
    const problems = problemsOf(d, a, 'h');
    expect(problems).toEqual([
      '尚未开始检查：请点“开始检查”记录时间和位置',
      '请填写检查地点',
      '“取水许可”还有 1 个检查点未选择：计量设施正常',
      '“许可证有效”不符合：请填写发现的问题',
      '“许可证有效”不符合：请填写违反的条款',
      '“许可证有效”不符合：请填写整改期限',
      '“河道采砂”还有 1 个检查点未选择：河道采砂',
      '检查人员（本人）尚未签名',
      '当事人尚未签名（拒绝签名的，请记录拒签原因和见证人）',
    ]);
  });

  it('counts answered points (an item without known check points is one point)', () => {
    const d = started();
    d.answers[pointKey('SL-02', 0)] = { answer: 'na' };
    expect(answeredCount(d, assignment().items)).toEqual({ done: 1, total: 3 });
  });

  it('builds findings with 不涉及 in the note, and a body whose record hash is libs/domain’s', () => {
    const a = assignment();
    const d = started();
    d.outcome = '发现问题已责令改正';
    d.answers[pointKey('SL-01', 0)] = { answer: 'yes' };
    d.answers[pointKey('SL-01', 1)] = { answer: 'no', description: ' 计量设施损坏 ', legalProvision: '《取水许可和水资源费征收管理条例》第四十三条', rectificationDeadline: '2026-12-20' };
    d.answers[pointKey('SL-02', 0)] = { answer: 'yes' };
    expect(findingsOf(d, a.items, d.outcome)).toEqual([
      { itemCode: 'SL-01', checkPoints: [{ index: 0, label: '许可证有效', compliant: true }, { index: 1, label: '计量设施正常', compliant: false, description: '计量设施损坏', legalProvision: '《取水许可和水资源费征收管理条例》第四十三条', rectificationDeadline: '2026-12-20' }] },
      { itemCode: 'SL-02', checkPoints: [{ index: 0, label: '河道采砂', compliant: true }] },
    ]);
    const photos = ['c'.repeat(64), 'd'.repeat(64)];
    const record = signableOf(d, a, photos);
    const hash = sha(recordForSigning(record));
    expect(hash).toBe(recordHashOf(record));
    signAll(d, hash);
    expect(problemsOf(d, a, hash)).toEqual([]);
    const body = submissionOf(record, hash, d);
    expect(body).toMatchObject({ outcome: '发现问题已责令改正', channel: 'mobile', place: '某某河段3号', evidence: photos, recordHash: hash, location: { latitude: 30.2701, longitude: 120.1502, accuracyMeters: 12.3 } });
    expect(body.signatures).toEqual([
      { signer: 'inspector', inspectorId: 'i-1', image: 'a'.repeat(64), signedAt: '2026-11-20T10:50:00+08:00', recordHash: hash },
      { signer: 'party', name: '王五', image: 'b'.repeat(64), signedAt: '2026-11-20T10:51:00+08:00', recordHash: hash },
    ]);
    // What the server hashes (the body's record fields with the assignment id) gives the same hash.
    expect(recordHashOf({ ...(body as never as Parameters<typeof recordHashOf>[0]), assignmentId: 'a-1' })).toBe(hash);
  });

  it('asks for new signatures when the record changed after signing, and for a refusal’s reason and witness', () => {
    const a = assignment();
    const d = started();
    d.outcome = '未发现问题';
    for (const k of [pointKey('SL-01', 0), pointKey('SL-01', 1), pointKey('SL-02', 0)]) d.answers[k] = { answer: 'yes' };
    const before = sha(recordForSigning(signableOf(d, a, [])));
    signAll(d, before);
    d.place = '某某河段4号';
    const after = sha(recordForSigning(signableOf(d, a, [])));
    expect(after).not.toBe(before);
    expect(problemsOf(d, a, after)).toEqual(['签名后记录又有修改，请重新签名：张三、当事人']);
    d.inspectorSignatures[0].recordHash = after;
    d.party = { mode: 'refused', refusalReason: ' ', witnessName: '赵六', witnessRole: '', signedAt: 'x', recordHash: after };
    expect(problemsOf(d, a, after)).toEqual(['请填写当事人拒签原因', '请填写见证人身份']);
  });

  it('refuses contradictory outcomes and items left all 不涉及', () => {
    const a = assignment();
    const d = started();
    d.outcome = '未发现问题';
    d.answers[pointKey('SL-01', 0)] = { answer: 'na' };
    d.answers[pointKey('SL-01', 1)] = { answer: 'na' };
    d.answers[pointKey('SL-02', 0)] = { answer: 'no', description: 'x', legalProvision: 'y' };
    const hash = 'h';
    signAll(d, hash);
    expect(problemsOf(d, a, hash)).toEqual(['“取水许可”至少要有一个检查点为符合或不符合', '检查结论为“未发现问题”，但有 1 个检查点不符合']);
    d.outcome = '发现问题待后续处理';
    expect(problemsOf(d, a, hash)).toEqual(['“取水许可”至少要有一个检查点为符合或不符合', '发现问题待后续处理：请填写后续处理期限，或为不符合的检查点填写整改期限']);
    d.outcome = '未发现开展本次抽查涉及的经营活动';
    expect(findingsOf(d, a.items, d.outcome)).toEqual([]);
    expect(problemsOf(d, a, hash)).toEqual([]);
  });

  it('needs the follow-up verdict that matches the outcome on a 整改复查', () => {
    const a = assignment({ kind: 'follow-up' });
    const d = started();
    d.outcome = '未发现开展本次抽查涉及的经营活动';
    signAll(d, 'h');
    expect(problemsOf(d, a, 'h')).toEqual(['请选择整改复查结论（整改到位或逾期未整改）']);
    d.rectification = '整改到位';
    expect(problemsOf(d, a, 'h')).toEqual(['整改复查结论“整改到位”须对应检查结论“未发现问题”']);
  });
});

describe('the worklist and the place checks', () => {
  it('puts the earliest due first and marks the overdue', () => {
    const list = worklist([assignment({ id: 'b', dueDate: '2026-12-05' }), assignment({ id: 'c', dueDate: '2026-11-10' }), assignment({ id: 'd', dueDate: '2026-11-30', status: 'overdue' })], '2026-11-20', 'i-1');
    expect(list.map((e) => [e.assignment.id, e.overdue])).toEqual([['c', true], ['d', true], ['b', false]]);
  });

  it('marks a teammate’s pending submission for confirmation', () => {
    const pending = { id: 'r', status: 'pending', submittedBy: 'i-2', awaiting: ['i-1'] } as never;
    expect(worklist([assignment({ results: [pending] })], '2026-11-20', 'i-1')[0].toConfirm).toBe(true);
    expect(worklist([assignment({ results: [pending] })], '2026-11-20', 'i-2')[0].toConfirm).toBe(false);
  });

  it('warns of a poor fix and of a place far from the registered coordinates', () => {
    const target = { location: { latitude: 30.27, longitude: 120.15 } };
    expect(placeWarnings({ latitude: 30.2701, longitude: 120.1501, accuracyMeters: 20 }, target)).toEqual([]);
    expect(placeWarnings({ latitude: 30.2701, longitude: 120.1501, accuracyMeters: 80 }, target)).toEqual(['定位精度较差（±80 米，超过 50 米）']);
    expect(placeWarnings({ latitude: 30.28, longitude: 120.15, accuracyMeters: 10 }, target)[0]).toMatch(/^当前位置距检查对象登记地址约 1\.1 公里$/);
    expect(placeWarnings(null, target)).toEqual(['未取得定位：请在“检查地点”中写明具体位置']);
    expect(Math.round(distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 }))).toBe(111_195);
    expect(mapLink({ name: '甲', address: null, location: { latitude: 30.27, longitude: 120.15 } })).toContain('position=120.15,30.27');
    expect(mapLink({ name: '甲', address: '杭州市某路1号', location: null })).toContain(`keyword=${encodeURIComponent('杭州市某路1号')}`);
  });

  it('matches the app’s paths under /m', () => {
    expect(match('/m/')).toMatchObject({ name: 'worklist' });
    expect(match('/m/visit/abc')).toMatchObject({ name: 'visit', params: { id: 'abc' } });
    expect(match('/m/record/abc/')).toMatchObject({ name: 'record', params: { id: 'abc' } });
    expect(match('/m/nothing')).toMatchObject({ name: 'notFound' });
  });
});
