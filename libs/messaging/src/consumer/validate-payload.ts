import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { EventEnvelope, type EventDefinition } from '#contracts';

/** Same options as the HTTP pipe: unknown fields are refused, not silently dropped. */
export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, transform: true } as const;

const pipe = new ValidationPipe({ ...VALIDATION_OPTIONS, exceptionFactory: (errors) => new PoisonMessageError(flatten(errors)) });

export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

/** Parses and validates a delivery: throws PoisonMessageError for anything that can never succeed. */
export async function decodeEvent<P extends object>(data: Uint8Array, definition: EventDefinition<P>): Promise<{ envelope: EventEnvelope; payload: P }> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    throw new PoisonMessageError('not JSON');
  }
  const envelope = plainToInstance(EventEnvelope, raw);
  const envelopeErrors = await validate(envelope as object, { forbidUnknownValues: true });
  if (envelopeErrors.length) throw new PoisonMessageError(`bad envelope: ${flatten(envelopeErrors)}`);
  if (envelope.type !== definition.type) throw new PoisonMessageError(`expected ${definition.type}, got ${envelope.type}`);
  if (envelope.version !== definition.version) {
    throw new PoisonMessageError(`${definition.type}: version ${envelope.version} is not the supported ${definition.version}`);
  }
  const metadata: ArgumentMetadata = { type: 'body', metatype: definition.payload };
  const payload = (await pipe.transform(envelope.payload, metadata)) as P;
  return { envelope, payload };
}

function flatten(errors: { property: string; constraints?: Record<string, string>; children?: unknown[] }[], path = ''): string {
  return errors
    .map((e) => {
      const here = path ? `${path}.${e.property}` : e.property;
      const own = Object.values(e.constraints ?? {}).join(', ');
      const nested = e.children?.length ? flatten(e.children as typeof errors, here) : '';
      return [own && `${here}: ${own}`, nested].filter(Boolean).join('; ');
    })
    .join('; ');
}
