import { applyDecorators } from '@nestjs/common';
import { Matches, ValidateBy, type ValidationOptions } from 'class-validator';

/** A calendar date in China, 'YYYY-MM-DD' (no time zone games). */
export const IsCalendarDate = () => applyDecorators(Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' }));

/**
 * Text without control characters: no C0 control (U+0000–U+001F: NUL, which PostgreSQL cannot store,
 * and the rest, which XML, CSV cells and terminals cannot carry), no DEL, no lone UTF-16 surrogate
 * (it would be stored as U+FFFD).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const PLAIN_TEXT = /^[^\u0000-\u001f\u007f\p{Surrogate}]*$/u;

/** The same, but tab and line breaks (\t, \n, \r) are allowed: free text written over several lines. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const MULTILINE_TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\p{Surrogate}]*$/u;

export function isPlainText(value: unknown): value is string {
  return typeof value === 'string' && PLAIN_TEXT.test(value);
}

export function isMultilineText(value: unknown): value is string {
  return typeof value === 'string' && MULTILINE_TEXT.test(value);
}

/**
 * The text validator of every string field of every write DTO: a string on one line, without control
 * characters (see PLAIN_TEXT). `{ each: true }` for a list of strings. Use IsMultilineText where the
 * field is free text that may run over several lines.
 */
export const IsPlainText = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPlainText',
      validator: {
        validate: isPlainText,
        defaultMessage: (args) => `${args?.property} must be text without control characters (no NUL, tab, line break or other C0 character)`,
      },
    },
    options,
  );

/** Free text that may hold tabs and line breaks, but no other control character (see MULTILINE_TEXT). */
export const IsMultilineText = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isMultilineText',
      validator: {
        validate: isMultilineText,
        defaultMessage: (args) => `${args?.property} must be text without control characters other than tab and line breaks`,
      },
    },
    options,
  );
