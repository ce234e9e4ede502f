import { Body, Controller, Head, HttpCode, Param, ParseUUIDPipe, Patch, Post, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Socket } from 'node:net';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type Principal } from '#auth';
import { DomainError, invalid, notFound } from '#domain';
import { BeginUploadDto } from './dto/begin-upload.dto.js';
import { EvidenceUploadsService, OffsetMismatch, UPLOAD_CHUNK_MAX_BYTES, type UploadState } from './evidence-uploads.service.js';
import type { EvidenceView } from './evidence.view.js';

export const UPLOAD_OFFSET = 'Upload-Offset';
export const UPLOAD_LENGTH = 'Upload-Length';
const CHUNK_TYPE = 'application/offset+octet-stream';
const HASH = /^[0-9a-f]{64}$/;

/**
 * The resumable upload (a subset of tus): POST declares the file, PATCH sends chunks at the offset
 * the server holds, HEAD asks where it stands. The raw chunk is read here, bounded, because no body
 * parser takes application/offset+octet-stream.
 */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller('assignments/:id/evidence/uploads')
export class EvidenceUploadsController {
  constructor(private readonly uploads: EvidenceUploadsService) {}

  @Post()
  @Roles('inspector')
  @ApiOperation({
    summary: 'Start a resumable upload of one evidence file (or learn where one under way stands)',
    description: '201 new upload (offset 0); 200 an upload of this hash is under way (resume at offset); 200 complete: true with the evidence when the file is already stored. A signature image needs recordHash (the record it signs). 413 larger than EVIDENCE_MAX_BYTES or over the bytes the unfinished uploads of one inspection may declare (300 MiB); 409 cancelled inspection, 30 unfinished uploads already, or the same hash with another size, purpose or recordHash.',
  })
  async begin(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: BeginUploadDto, @Res({ passthrough: true }) res: Response): Promise<UploadState> {
    const { created, state } = await this.uploads.begin(user, id, body);
    res.status(created ? 201 : 200);
    res.setHeader('Cache-Control', 'no-store');
    return state;
  }

  @Patch(':sha256')
  @Roles('inspector')
  @ApiParam({ name: 'sha256', description: 'The declared SHA-256 of the file' })
  @ApiHeader({ name: UPLOAD_OFFSET, required: true, description: 'Where this chunk starts: the offset the server holds' })
  @ApiConsumes(CHUNK_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: `The next bytes of the file (at most ${UPLOAD_CHUNK_MAX_BYTES})` })
  @ApiOperation({
    summary: 'Send the next chunk of a resumable upload',
    description: '204 with Upload-Offset when more is expected; 201 with the evidence when the last byte arrived and the bytes hash to the declared SHA-256 and pass the content checks; 409 with Upload-Offset when the chunk does not start where the upload stands; 422 wrong SHA-256 (nothing stored, start again at 0); 415 wrong type; 413 chunk over 1 MiB; 404 no such upload; 507 the disk is full (send it again later). What can be refused without the body is refused before reading it.',
  })
  async append(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sha256') sha256: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EvidenceView | undefined> {
    res.setHeader('Cache-Control', 'no-store');
    if (!HASH.test(sha256)) throw refuseUnread(req, res, notFound(`no upload of ${sha256}: the path names the file's lower-case hex SHA-256`));
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== CHUNK_TYPE) throw refuseUnread(req, res, new UnsupportedMediaTypeException(`send the chunk as ${CHUNK_TYPE} (got ${type || 'no Content-Type'})`));
    const header = req.headers[UPLOAD_OFFSET.toLowerCase()];
    if (typeof header !== 'string' || !/^\d{1,15}$/.test(header)) throw refuseUnread(req, res, invalid(`${UPLOAD_OFFSET} must be the byte offset this chunk starts at (a whole number)`));
    const offset = Number(header);
    try {
      // Everything that can be refused without the bytes is refused before reading them.
      const declared = declaredLength(req);
      if (declared !== undefined && declared > UPLOAD_CHUNK_MAX_BYTES) throw tooLarge();
      await this.uploads.precheck(user, id, sha256, offset, declared);
    } catch (error) {
      throw refuseUnread(req, res, withOffset(res, error));
    }
    const chunk = await readChunk(req, res);
    try {
      const outcome = await this.uploads.append(user, id, sha256, offset, chunk);
      if (!outcome.complete) {
        res.setHeader(UPLOAD_OFFSET, String(outcome.offset));
        res.status(204);
        return undefined;
      }
      res.setHeader(UPLOAD_OFFSET, String(outcome.evidence.size));
      res.status(201);
      return outcome.evidence;
    } catch (error) {
      throw withOffset(res, error);
    }
  }

  @Head(':sha256')
  @HttpCode(200)
  @Roles('inspector')
  @ApiParam({ name: 'sha256', description: 'The declared SHA-256 of the file' })
  @ApiOperation({ summary: 'Where a resumable upload stands: Upload-Offset and Upload-Length (404 when none is under way)' })
  async status(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('sha256') sha256: string, @Res({ passthrough: true }) res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    if (!HASH.test(sha256)) throw notFound(`no upload of ${sha256}`);
    const { offset, size } = await this.uploads.status(user, id, sha256);
    res.setHeader(UPLOAD_OFFSET, String(offset));
    res.setHeader(UPLOAD_LENGTH, String(size));
  }
}

/** A 409 for a chunk in the wrong place carries where to resume as Upload-Offset. */
function withOffset(res: Response, error: unknown): unknown {
  if (error instanceof OffsetMismatch) res.setHeader(UPLOAD_OFFSET, String(error.offset));
  return error;
}

/** The Content-Length, when the request declares one (a chunked request does not). */
function declaredLength(req: Request): number | undefined {
  const value = req.headers['content-length'];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * The request body, at most one chunk's worth. Beyond that (a chunked request, whose length is not
 * declared) reading stops and the answer is 413 with the connection closed. Read with listeners, not
 * `for await`: leaving a for-await loop by throwing destroys the request and its socket before the
 * 413 can be written.
 */
function readChunk(req: Request, res: Response): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    let length = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (part: Buffer) => {
      length += part.length;
      if (length <= UPLOAD_CHUNK_MAX_BYTES) {
        parts.push(part);
        return;
      }
      stop();
      req.pause();
      reject(refuseUnread(req, res, tooLarge()));
    };
    const onEnd = () => {
      stop();
      resolve(parts.length === 1 ? parts[0] : Buffer.concat(parts, length));
    };
    // The phone lost its connection in the middle of the chunk: nothing was written, nobody hears the answer.
    const onError = () => {
      stop();
      reject(invalid('the chunk was cut off before its end: nothing was written; send it again'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

const tooLarge = () => new DomainError('too_large', `a chunk may carry at most ${UPLOAD_CHUNK_MAX_BYTES} bytes`);

/**
 * An answer given before the body was read: the connection is closed after it, so the unread bytes
 * are never taken for the next request on the same socket. The socket is taken now: once the request
 * is destroyed, req.socket is null, and a listener that threw on it would bring the process down.
 */
function refuseUnread<E>(req: Request, res: Response, error: E): E {
  if (!req.complete) {
    const socket = req.socket as Socket | null;
    res.setHeader('Connection', 'close');
    res.on('finish', () => socket?.destroy());
  }
  return error;
}
