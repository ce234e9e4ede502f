import { Controller, Get, Param, ParseUUIDPipe, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type Principal } from '#auth';
import { EvidenceService, type UploadedEvidenceFile } from './evidence.service.js';
import { EvidenceView } from './evidence.view.js';

/** File name extensions of the evidence types, for the download's file name. */
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/heic': '.heic',
  'application/pdf': '.pdf',
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
};

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('assignments/:id/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post()
  @Roles('inspector')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({
    summary: 'Upload one evidence file (JPEG, PNG, WebP, HEIC, PDF, MP4, QuickTime) before submitting the result that cites its SHA-256',
    description: '201 when stored, 200 when the same bytes were already uploaded to this inspection, 413 over the size limit, 415 for another type or for a file that holds HTML or script (a PDF with JavaScript).',
  })
  @ApiCreatedResponse({ type: EvidenceView })
  async upload(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: UploadedEvidenceFile | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EvidenceView> {
    const { created, evidence } = await this.evidence.upload(user, id, file);
    res.status(created ? 201 : 200);
    return evidence;
  }

  @Get(':sha256')
  @ApiParam({ name: 'sha256', description: 'Hex SHA-256 of the file' })
  @ApiOperation({ summary: 'Download one evidence file (always as an attachment)' })
  @ApiOkResponse({ description: 'The bytes, with their recognised content type' })
  async download(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('sha256') sha256: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { evidence, stream } = await this.evidence.download(user, id, sha256.toLowerCase());
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.setHeader('ETag', `"${evidence.sha256}"`);
    // Always a download with the type recognised at upload, never rendered in the app's origin.
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    const disposition = `attachment; filename="${evidence.sha256}${EXTENSIONS[evidence.contentType] ?? ''}"`;
    return new StreamableFile(stream, { type: evidence.contentType, length: evidence.size, disposition });
  }
}
