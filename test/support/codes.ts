// Valid codes for test data, made with libs/domain's check-digit code.
import { idNumberCheckDigit, usccCheckCharacter } from '#domain';

/** A valid 统一社会信用代码: the 17 characters given and their check character. */
export const uscc = (first17: string): string => first17 + usccCheckCharacter(first17);

/** A valid 居民身份证号码 of an adult (born 1985), as it appears in real case files. */
export const ID_NUMBER = ((first17: string) => first17 + idNumberCheckDigit(first17))('33010219850312004');
