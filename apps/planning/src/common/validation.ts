import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isValidUscc, usccCheckCharacter } from '#domain';

/** No control characters (they make published text ambiguous): the one shared rule, also used by the DTOs. */
export { PLAIN_TEXT } from '#contracts';

const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Why a credit code is not valid, or undefined when it is. Names the expected check character. */
export function usccProblem(code: string): string | undefined {
  if (isValidUscc(code)) return undefined;
  if (!USCC_SHAPE.test(code)) {
    return `'${code}' is not a 统一社会信用代码: 18 characters from 0-9 and A-Y without I, O, S, V, Z`;
  }
  return `'${code}' has a wrong check character: GB 32100 gives '${usccCheckCharacter(code.slice(0, 17))}', not '${code[17]}'`;
}

/** A 统一社会信用代码 with a correct GB 32100 check character. */
export const IsUscc = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isUscc',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && usccProblem(value) === undefined,
        defaultMessage: (args) => `creditCode: ${typeof args?.value === 'string' ? usccProblem(args.value) : 'must be a string'}`,
      },
    },
    options,
  );

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const IsIsoDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isIsoDate',
      validator: { validate: isIsoDate, defaultMessage: (args) => `${args?.property} must be a calendar date YYYY-MM-DD` },
    },
    options,
  );

/** Department names end up in arrays, CSV cells and JWT claims: printable, no separators we use. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const DEPARTMENT_NAME = /^[^\u0000-\u001f\u007f,;，；|]{1,100}$/;

