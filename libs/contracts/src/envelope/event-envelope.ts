import { IsDefined, IsISO8601, IsInt, IsObject, IsString, IsUUID, Matches, Min } from 'class-validator';

/**
 * What travels on the wire for every event. The payload is validated separately against the
 * contract class named by `type` and `version`.
 */
export class EventEnvelope<P = unknown> {
  @IsUUID()
  id!: string;

  @IsString()
  @Matches(/^[a-z]+(\.[a-z_]+)+$/)
  type!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsISO8601()
  occurredAt!: string;

  @IsString()
  source!: string;

  @IsDefined()
  @IsObject()
  payload!: P;
}
