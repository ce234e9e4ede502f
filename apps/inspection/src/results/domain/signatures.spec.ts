import { checkConfirmationSignature, checkSignatures, type ConfirmationSignatureCheck, type ResultSignature, type SignatureCheck, type SignatureInput, type UploadedFile } from './signatures.js';

const H = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const SIG_A = '1'.repeat(64);
const SIG_P = '2'.repeat(64);
const PHOTO = '3'.repeat(64);
const NOW = new Date('2026-11-20T02:10:00Z');
/** A signature image uploaded for record `recordHash` (default: this one, H) by `uploadedBy`. */
const sigFile = (uploadedBy = 'insp-a', recordHash = H): UploadedFile => ({ purpose: 'signature', recordHash, uploadedBy });
const photoFile: UploadedFile = { purpose: 'photo', recordHash: null, uploadedBy: 'insp-a' };

const inspector = (over: Partial<SignatureInput> = {}): SignatureInput => ({ signer: 'inspector', inspectorId: 'insp-a', image: SIG_A, signedAt: '2026-11-20T10:05:00+08:00', recordHash: H, ...over });
const party = (over: Partial<SignatureInput> = {}): SignatureInput => ({ signer: 'party', name: '某某砂石有限公司 王某', image: SIG_P, signedAt: '2026-11-20T10:06:00+08:00', recordHash: H, ...over });
const refusal = (over: Partial<SignatureInput> = {}): SignatureInput => ({
  signer: 'party', refused: true, refusalReason: '对检查结果有异议', witness: { name: '李某', role: '村委会工作人员' }, signedAt: '2026-11-20T10:06:00+08:00', recordHash: H, ...over,
});

const check = (over: Partial<SignatureCheck> = {}) =>
  checkSignatures({
    signatures: [inspector(), party()], recordHash: H, expectedHash: H, teamIds: ['insp-a', 'insp-b'], submitter: 'insp-a',
    uploaded: new Map([[SIG_A, sigFile()], [SIG_P, sigFile('insp-b')], [PHOTO, photoFile]]), evidence: [PHOTO], latestSignedAt: NOW, ...over,
  });

describe('checkSignatures', () => {
  it('accepts the inspector and the party bound to the record, and returns them in their stored shape', () => {
    const { problems, signatures } = check();
    expect(problems).toEqual([]);
    expect(signatures).toEqual([
      { signer: 'inspector', inspectorId: 'insp-a', image: SIG_A, signedAt: '2026-11-20T10:05:00+08:00', recordHash: H },
      { signer: 'party', name: '某某砂石有限公司 王某', image: SIG_P, signedAt: '2026-11-20T10:06:00+08:00', recordHash: H },
    ]);
  });

  it('accepts a refusal with its reason and witness, and no signatures at all', () => {
    expect(check({ signatures: [inspector(), refusal()] }).signatures[1]).toEqual({
      signer: 'party', refused: true, refusalReason: '对检查结果有异议', witness: { name: '李某', role: '村委会工作人员' }, signedAt: '2026-11-20T10:06:00+08:00', recordHash: H,
    });
    expect(check({ signatures: undefined, recordHash: undefined })).toEqual({ problems: [], signatures: [] });
  });

  it('lists every problem at once: wrong record hash, signatures of another record, an outsider, a second party, a missing image', () => {
    const { problems, signatures } = check({
      recordHash: OTHER,
      signatures: [inspector({ recordHash: OTHER }), inspector({ inspectorId: 'stranger', image: SIG_P }), party(), refusal(), party({ image: undefined, name: '王某' })],
    });
    expect(signatures).toEqual([]);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining(`recordHash ${OTHER} is not the SHA-256 of the submitted record`),
      expect.stringContaining('signatures[0].recordHash does not match the submitted record'),
      expect.stringContaining('signatures[1].inspectorId stranger is not an inspector of this inspection'),
      expect.stringContaining('signatures[3]: at most one signature (or refusal) of the party'),
      expect.stringContaining('signatures[4]: a signature needs image'),
      expect.stringContaining(`signatures[2].image ${SIG_P} is used by more than one signature`),
    ]));
    expect(problems).toHaveLength(6);
  });

  it('requires recordHash with signatures, and each signer once', () => {
    expect(check({ recordHash: undefined }).problems).toEqual(['recordHash is required when signatures are given']);
    expect(check({ signatures: [inspector(), inspector({ image: SIG_P })], uploaded: new Map([[SIG_A, sigFile()], [SIG_P, sigFile()]]) }).problems).toEqual([
      expect.stringContaining('signatures[1].inspectorId insp-a has signed more than once'),
    ]);
  });

  it('takes images only from this inspection’s signature uploads, never from evidence, and no signature image in evidence', () => {
    expect(check({ signatures: [inspector({ image: PHOTO })], evidence: [] }).problems).toEqual([expect.stringContaining(`image ${PHOTO} was uploaded as a photo, not as a signature`)]);
    expect(check({ signatures: [inspector({ image: OTHER })] }).problems).toEqual([expect.stringContaining(`image ${OTHER} was not uploaded to this inspection`)]);
    expect(check({ evidence: [PHOTO, SIG_A] }).problems).toEqual([expect.stringContaining(`signatures[0].image ${SIG_A} is also listed in evidence`)]);
    expect(check({ signatures: [], recordHash: undefined, evidence: [SIG_P] }).problems).toEqual([`evidence[0] ${SIG_P} is a signature image, not evidence`]);
  });

  it('refuses fields that belong to another kind of signature, an incomplete refusal and a signature from the future', () => {
    const { problems } = check({
      signatures: [
        inspector({ name: '张三' }),
        refusal({ refusalReason: ' ', witness: { name: '李某' }, image: SIG_P }),
        inspector({ inspectorId: 'insp-b', image: OTHER.replace(/b/g, '4'), signedAt: '2026-11-20T10:20:00+08:00' }),
      ],
      uploaded: new Map([[SIG_A, sigFile()], [SIG_P, sigFile()], ['4'.repeat(64), sigFile('insp-b')]]),
      evidence: [],
    });
    expect(problems).toEqual([
      'signatures[0]: an inspector\'s signature takes inspectorId and image only (no name, refused, refusalReason or witness)',
      'signatures[1]: a refusal to sign needs refusalReason',
      'signatures[1]: a refusal to sign needs a witness with name and role',
      'signatures[1]: a refusal to sign carries no image and no name (the witness is named in witness)',
      'signatures[2].signedAt 2026-11-20T10:20:00+08:00 lies in the future',
      'signatures[2].inspectorId insp-b: in a submission only its submitter (insp-a) signs as inspector; the other inspectors sign when they confirm it',
    ]);
  });

  it('takes only images uploaded for this very record: one drawn for an earlier version cannot sign a changed one', () => {
    // The images were uploaded for record H; the record changed (the server now hashes OTHER) and the phone re-signed nothing.
    const moved = check({ expectedHash: OTHER, recordHash: OTHER, signatures: [inspector({ recordHash: OTHER }), party({ recordHash: OTHER })] });
    expect(moved.problems).toEqual([
      `signatures[0].image ${SIG_A} was uploaded to sign another record (recordHash ${H}), not this one (${OTHER}): the signature must be drawn again for this record`,
      `signatures[1].image ${SIG_P} was uploaded to sign another record (recordHash ${H}), not this one (${OTHER}): the signature must be drawn again for this record`,
    ]);
    expect(moved.signatures).toEqual([]);
  });

  it('lets only the submitter sign as inspector in a submission, with an image they uploaded themselves', () => {
    expect(check({ submitter: 'insp-b', signatures: [inspector(), party()] }).problems).toEqual([
      'signatures[0].inspectorId insp-a: in a submission only its submitter (insp-b) signs as inspector; the other inspectors sign when they confirm it',
    ]);
    // insp-a names themselves but uses the image insp-b uploaded.
    expect(check({ signatures: [inspector({ image: SIG_P }), party({ image: SIG_A })] }).problems).toEqual([
      `signatures[0].image ${SIG_P} was uploaded by insp-b: an inspector signs with an image they uploaded themselves`,
    ]);
    // The party's image may come from any inspector of the team (here insp-b's phone).
    expect(check().problems).toEqual([]);
  });
});

describe('checkConfirmationSignature', () => {
  const SIG_B = '5'.repeat(64);
  const submitted: ResultSignature[] = [{ signer: 'inspector', inspectorId: 'insp-a', image: SIG_A, signedAt: '2026-11-20T10:05:00+08:00', recordHash: H }];
  const confirm = (over: Partial<ConfirmationSignatureCheck> = {}) =>
    checkConfirmationSignature({
      signature: { image: SIG_B, signedAt: '2026-11-20T10:08:00+08:00' }, confirmer: 'insp-b', recordHash: H, signatures: submitted,
      file: sigFile('insp-b'), latestSignedAt: NOW, ...over,
    });

  it('returns the confirmer’s signature of the revision’s record', () => {
    expect(confirm()).toEqual({ problems: [], signature: { signer: 'inspector', inspectorId: 'insp-b', image: SIG_B, signedAt: '2026-11-20T10:08:00+08:00', recordHash: H } });
  });

  it('refuses a record submitted without recordHash, an image of another record, of another inspector or already used, and a future signedAt', () => {
    expect(confirm({ recordHash: null }).problems).toEqual([expect.stringContaining('this record was not prepared for signing')]);
    expect(confirm({ file: undefined }).problems).toEqual([expect.stringContaining(`signature.image ${SIG_B} was not uploaded to this inspection`)]);
    expect(confirm({ file: { ...photoFile, uploadedBy: 'insp-b' } }).problems).toEqual([expect.stringContaining('was uploaded as a photo')]);
    const { problems, signature } = confirm({
      file: sigFile('insp-a', OTHER), signature: { image: SIG_A, signedAt: '2026-11-20T10:20:00+08:00' },
    });
    expect(signature).toBeUndefined();
    expect(problems).toEqual([
      `signature.image ${SIG_A} was uploaded to sign another record (recordHash ${OTHER}), not this one (${H}): the signature must be drawn again for this record`,
      `signature.image ${SIG_A} was uploaded by insp-a: an inspector signs with an image they uploaded themselves`,
      `signature.image ${SIG_A} is already used by another signature of this record`,
      'signature.signedAt 2026-11-20T10:20:00+08:00 lies in the future',
    ]);
  });
});
