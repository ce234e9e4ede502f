import { idNumberCheckDigit, usccCheckCharacter } from '#domain';

/** A valid 统一社会信用代码 for an invented enterprise (91 = enterprise, 330112 = the district). */
export function demoCreditCode(serial: number, category = '91'): string {
  const body = `${category}330112${String(serial).padStart(9, '0')}`.slice(0, 17);
  return body + usccCheckCharacter(body);
}

/** A valid 身份证号 for an invented adult (used only as input that must never be published). */
export function demoIdNumber(serial: number, birth = '19750315'): string {
  const body = `330112${birth}${String(serial % 1000).padStart(3, '0')}`;
  return body + idNumberCheckDigit(body);
}

/** The bureau's own code, for 许可机关/处罚机关 and 数据来源单位. */
export const BUREAU_NAME = '区水利水电局';
export const BUREAU_CODE = demoCreditCode(1, '11');
