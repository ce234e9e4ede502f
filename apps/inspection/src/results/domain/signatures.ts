import type { EvidencePurpose } from '../../evidence/evidence.entity.js';

/** A signature as submitted (the DTO's shape; nulls allowed where the DTO lets them through). */
export interface SignatureInput {
  signer: string;
  inspectorId?: string | null;
  name?: string | null;
  image?: string | null;
  refused?: boolean | null;
  refusalReason?: string | null;
  witness?: { name?: string | null; role?: string | null } | null;
  signedAt: string;
  recordHash: string;
}

/** A signature as stored and shown: an inspector's, the party's, or the party's refusal to sign. */
export type ResultSignature =
  | { signer: 'inspector'; inspectorId: string; image: string; signedAt: string; recordHash: string }
  | { signer: 'party'; name: string; image: string; signedAt: string; recordHash: string }
  | { signer: 'party'; refused: true; refusalReason: string; witness: { name: string; role: string }; signedAt: string; recordHash: string };

/** What the server knows of an uploaded file a signature names. */
export interface UploadedFile {
  purpose: EvidencePurpose;
  /** A signature image: the record it was uploaded to sign (null for photos). */
  recordHash: string | null;
  /** The inspector who uploaded it (who began its upload). */
  uploadedBy: string;
}

export interface SignatureCheck {
  /** The signatures submitted (absent: none). */
  signatures: SignatureInput[] | null | undefined;
  /** The recordHash the client declared. */
  recordHash: string | null | undefined;
  /** The server's own hash of the submitted record (recordForSigning). */
  expectedHash: string;
  /** The inspectors of the team (token subjects). */
  teamIds: readonly string[];
  /** The inspector submitting: the only one who signs as inspector in a submission. */
  submitter: string;
  /** This assignment's uploaded evidence, by hash. */
  uploaded: ReadonlyMap<string, UploadedFile>;
  /** The evidence the result cites. */
  evidence: readonly string[];
  /** The latest acceptable signedAt (now plus the phone clock's allowed skew). */
  latestSignedAt: Date;
}

const blank = (s: string | null | undefined) => !s?.trim();

/**
 * Checks the signatures of a result against the record they sign, the team and the uploaded
 * signature images. Returns every problem (so the phone can show them at once) and, when there are
 * none, the signatures in their stored shape.
 *
 * Each image must have been uploaded for this very record (its recordHash), so a signature drawn
 * under one version of the record cannot be attached to another. The only inspector who signs in a
 * submission is its submitter, with an image they uploaded: a co-inspector signs their own
 * confirmation (checkConfirmationSignature), so nobody submits another inspector's signature.
 */
export function checkSignatures(c: SignatureCheck): { problems: string[]; signatures: ResultSignature[] } {
  const problems: string[] = [];
  const list = c.signatures ?? [];
  if (c.recordHash && c.recordHash !== c.expectedHash) {
    problems.push(`recordHash ${c.recordHash} is not the SHA-256 of the submitted record (the server computes ${c.expectedHash}): the record was changed after it was signed, or was not built with recordForSigning`);
  }
  if (list.length && !c.recordHash) problems.push('recordHash is required when signatures are given');

  const team = new Set(c.teamIds);
  const cited = new Set(c.evidence);
  const signedBy = new Set<string>();
  const images = new Set<string>();
  let parties = 0;
  const out: ResultSignature[] = [];

  list.forEach((s, i) => {
    const at = `signatures[${i}]`;
    if (s.recordHash !== c.expectedHash) problems.push(`${at}.recordHash does not match the submitted record: it signs another version of it`);
    const signedAt = new Date(s.signedAt);
    if (Number.isNaN(signedAt.getTime())) problems.push(`${at}.signedAt ${s.signedAt} is not a date-time`);
    else if (signedAt.getTime() > c.latestSignedAt.getTime()) problems.push(`${at}.signedAt ${s.signedAt} lies in the future`);
    const refused = s.refused === true;

    if (s.signer === 'inspector') {
      if (blank(s.inspectorId)) problems.push(`${at}: an inspector's signature needs inspectorId`);
      else if (!team.has(s.inspectorId!)) problems.push(`${at}.inspectorId ${s.inspectorId} is not an inspector of this inspection's team`);
      else if (signedBy.has(s.inspectorId!)) problems.push(`${at}.inspectorId ${s.inspectorId} has signed more than once`);
      else if (s.inspectorId !== c.submitter) {
        problems.push(`${at}.inspectorId ${s.inspectorId}: in a submission only its submitter (${c.submitter}) signs as inspector; the other inspectors sign when they confirm it`);
      }
      if (s.inspectorId) signedBy.add(s.inspectorId);
      if (!blank(s.name) || s.refused != null || !blank(s.refusalReason) || s.witness != null) {
        problems.push(`${at}: an inspector's signature takes inspectorId and image only (no name, refused, refusalReason or witness)`);
      }
    } else if (s.signer === 'party') {
      if (++parties === 2) problems.push(`${at}: at most one signature (or refusal) of the party`);
      if (refused) {
        if (blank(s.refusalReason)) problems.push(`${at}: a refusal to sign needs refusalReason`);
        if (blank(s.witness?.name) || blank(s.witness?.role)) problems.push(`${at}: a refusal to sign needs a witness with name and role`);
        if (s.image != null || !blank(s.name)) problems.push(`${at}: a refusal to sign carries no image and no name (the witness is named in witness)`);
      } else {
        if (blank(s.name)) problems.push(`${at}: the party's signature needs name (the signer's name or unit)`);
        if (!blank(s.refusalReason) || s.witness != null) problems.push(`${at}: refusalReason and witness belong to a refusal (refused: true)`);
      }
      if (s.inspectorId != null) problems.push(`${at}: inspectorId is for inspectors' signatures`);
    } else {
      problems.push(`${at}.signer must be inspector or party`);
    }

    const needsImage = !(s.signer === 'party' && refused);
    if (needsImage && blank(s.image)) problems.push(`${at}: a signature needs image, the SHA-256 of its uploaded signature image`);
    if (needsImage && s.image) {
      const file = c.uploaded.get(s.image);
      problems.push(...imageProblems(at, s.image, file, c.expectedHash));
      if (file && s.signer === 'inspector' && s.inspectorId === c.submitter && file.uploadedBy !== c.submitter) {
        problems.push(`${at}.image ${s.image} was uploaded by ${file.uploadedBy}: an inspector signs with an image they uploaded themselves`);
      }
      if (cited.has(s.image)) problems.push(`${at}.image ${s.image} is also listed in evidence: signature images are not evidence`);
      if (images.has(s.image)) problems.push(`${at}.image ${s.image} is used by more than one signature`);
      images.add(s.image);
    }

    if (s.signer === 'inspector') out.push({ signer: 'inspector', inspectorId: s.inspectorId ?? '', image: s.image ?? '', signedAt: s.signedAt, recordHash: s.recordHash });
    else if (refused) {
      out.push({
        signer: 'party', refused: true, refusalReason: s.refusalReason?.trim() ?? '',
        witness: { name: s.witness?.name?.trim() ?? '', role: s.witness?.role?.trim() ?? '' }, signedAt: s.signedAt, recordHash: s.recordHash,
      });
    } else out.push({ signer: 'party', name: s.name?.trim() ?? '', image: s.image ?? '', signedAt: s.signedAt, recordHash: s.recordHash });
  });

  // Photos only in `evidence`: a signature image there would be shown and published as evidence.
  c.evidence.forEach((h, i) => {
    if (c.uploaded.get(h)?.purpose === 'signature' && !images.has(h)) problems.push(`evidence[${i}] ${h} is a signature image, not evidence`);
  });
  return { problems, signatures: problems.length ? [] : out };
}

/** Why `file` (the upload named by `image`) cannot sign the record `recordHash`; [] when it can. */
function imageProblems(at: string, image: string, file: UploadedFile | undefined, recordHash: string): string[] {
  if (!file) return [`${at}.image ${image} was not uploaded to this inspection; upload it first (purpose signature, with the recordHash)`];
  if (file.purpose !== 'signature') return [`${at}.image ${image} was uploaded as a ${file.purpose}, not as a signature`];
  if (file.recordHash !== recordHash) {
    return [`${at}.image ${image} was uploaded to sign another record (recordHash ${file.recordHash}), not this one (${recordHash}): the signature must be drawn again for this record`];
  }
  return [];
}

export interface ConfirmationSignatureCheck {
  /** The signature sent with the confirmation. */
  signature: { image: string; signedAt: string };
  /** The confirming inspector. */
  confirmer: string;
  /** The revision's recordHash (null: submitted without one, so nothing to sign). */
  recordHash: string | null;
  /** The revision's signatures so far. */
  signatures: readonly ResultSignature[];
  /** The upload named by signature.image, if this inspection has one. */
  file: UploadedFile | undefined;
  latestSignedAt: Date;
}

/**
 * A co-inspector's signature sent with their confirmation (POST /results/{id}/confirm): it signs the
 * revision's record, with an image they uploaded for that record. Returns every problem and, when
 * there are none, the signature to append to the revision's signatures.
 */
export function checkConfirmationSignature(c: ConfirmationSignatureCheck): { problems: string[]; signature?: ResultSignature } {
  if (!c.recordHash) return { problems: ['this record was not prepared for signing (it was submitted without recordHash): confirm it without a signature'] };
  const at = 'signature';
  const problems = imageProblems(at, c.signature.image, c.file, c.recordHash);
  if (c.file && c.file.uploadedBy !== c.confirmer) {
    problems.push(`${at}.image ${c.signature.image} was uploaded by ${c.file.uploadedBy}: an inspector signs with an image they uploaded themselves`);
  }
  if (c.signatures.some((s) => 'image' in s && s.image === c.signature.image)) problems.push(`${at}.image ${c.signature.image} is already used by another signature of this record`);
  const signedAt = new Date(c.signature.signedAt);
  if (Number.isNaN(signedAt.getTime())) problems.push(`${at}.signedAt ${c.signature.signedAt} is not a date-time`);
  else if (signedAt.getTime() > c.latestSignedAt.getTime()) problems.push(`${at}.signedAt ${c.signature.signedAt} lies in the future`);
  if (problems.length) return { problems };
  return { problems, signature: { signer: 'inspector', inspectorId: c.confirmer, image: c.signature.image, signedAt: c.signature.signedAt, recordHash: c.recordHash } };
}
