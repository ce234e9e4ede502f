import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { ItemRef } from '../common/item-ref.js';
import { defineEvent } from '../envelope/event-definition.js';
import { IsCalendarDate } from '../common/validators.js';

export const NOTICE_KINDS = ['licence', 'penalty', 'spot_check'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** What the portal's statistics need of a spot-check result notice. */
export class SpotCheckFacts {
  @IsIn(['random', 'immediate']) inspectionKind!: 'random' | 'immediate';
  @IsIn(['mobile', 'desktop']) channel!: 'mobile' | 'desktop';
  @IsOptional() @IsString() taskId?: string;
  @IsOptional() @IsString() drawId?: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ItemRef) items!: ItemRef[];
  @IsString() outcome!: string;
  @IsCalendarDate() inspectionDate!: string;
}

/**
 * A published notice, already redacted: nothing in here may identify a natural person beyond what
 * the rules allow (docs/regulations.md §7). The original decision never leaves the publication service.
 */
export class NoticePublishedPayload {
  @IsString() noticeId!: string;
  /** Increases with every correction; consumers ignore a version older than the one they hold. */
  @IsInt() @Min(1) version!: number;
  @IsIn(NOTICE_KINDS as unknown as string[]) kind!: NoticeKind;
  @IsString() department!: string;
  @IsOptional() @IsString() region?: string;
  @IsString() title!: string;
  /** 行政相对人名称 as published (masked for natural persons). */
  @IsString() partyName!: string;
  @IsOptional() @IsString() partyKind?: string;
  /** 统一社会信用代码 of an organisation; never a person's ID number. */
  @IsOptional() @IsString() creditCode?: string;
  @IsOptional() @IsString() documentNumber?: string;
  @IsCalendarDate() decisionDate!: string;
  @IsISO8601() publishedAt!: string;
  /** 公示截止期: when the portal must stop showing it. */
  @IsOptional() @IsCalendarDate() displayUntil?: string;
  @IsOptional() @IsArray() @IsString({ each: true }) penaltyTypes?: string[];
  /** Whether it went out within the legal deadline (for the publication-rate statistics). */
  @IsOptional() @IsBoolean() onTime?: boolean;
  @IsOptional() @ValidateNested() @Type(() => SpotCheckFacts) spotCheck?: SpotCheckFacts;
  /** Every other field of the 双公示 standard (or of a spot-check result), redacted, by its Chinese name. */
  @IsObject() fields!: Record<string, string | number | boolean | string[] | null>;
  /** Searchable text: the redacted free-text fields joined. */
  @IsString() body!: string;
}

export class NoticeCorrectedPayload extends NoticePublishedPayload {
  @IsString() reason!: string;
}

export class NoticeRemovedPayload {
  @IsString() noticeId!: string;
  @IsInt() @Min(1) version!: number;
  @IsIn(NOTICE_KINDS as unknown as string[]) kind!: NoticeKind;
  @IsString() department!: string;
  @IsISO8601() at!: string;
  @IsString() reason!: string;
}

export const NoticePublished = defineEvent('publication.notice.published', 1, NoticePublishedPayload);
export const NoticeCorrected = defineEvent('publication.notice.corrected', 1, NoticeCorrectedPayload);
export const NoticeWithdrawn = defineEvent('publication.notice.withdrawn', 1, NoticeRemovedPayload);
export const NoticeExpired = defineEvent('publication.notice.expired', 1, NoticeRemovedPayload);
