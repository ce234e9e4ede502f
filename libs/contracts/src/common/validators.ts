import { applyDecorators } from '@nestjs/common';
import { Matches } from 'class-validator';

/** A calendar date in China, 'YYYY-MM-DD' (no time zone games). */
export const IsCalendarDate = () => applyDecorators(Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' }));
