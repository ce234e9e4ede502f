import { IsInt, IsISO8601, IsString, Matches, Min } from 'class-validator';
import { defineEvent } from '../envelope/event-definition.js';

/**
 * The revealed draw: secret, seed and the verification bundle (JSON text, as the verifier CLI reads
 * it). A bundle for a large population is split into `chunkCount` chunks of text; concatenated in
 * index order they are the bundle.
 */
export class DrawRevealedPayload {
  @IsString() drawId!: string;
  @IsString() taskId!: string;
  @IsISO8601() revealedAt!: string;
  @Matches(/^[0-9a-f]{64}$/) seed!: string;
  @IsInt() @Min(0) chunkIndex!: number;
  @IsInt() @Min(1) chunkCount!: number;
  @IsString() bundleChunk!: string;
}

export const DrawRevealed = defineEvent('planning.draw.revealed', 1, DrawRevealedPayload);
