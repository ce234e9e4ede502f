import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError } from '#domain';

/**
 * Validates a page's query string with the API's DTO, but leniently about unknown parameters
 * (a link shared with a tracking parameter must still open); bad values are a 400 page.
 */
export async function parseQuery<T extends object>(cls: new () => T, query: Record<string, unknown>): Promise<T> {
  const flat = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const dto = plainToInstance(cls, flat);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: false });
  if (errors.length) throw new DomainError('invalid', errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; '));
  return dto;
}
