import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { conflict, invalid } from '#domain';
import { IDEMPOTENCY_KEY, requestFingerprint } from './fingerprint.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';

export interface IdempotentRequest {
  /** The caller (token subject): keys are scoped to their owner. */
  owner: string;
  key: string;
  /** What is asked, e.g. `POST /assignments/{id}/results`: the same key on another operation is a conflict. */
  operation: string;
  body: unknown;
}

export interface IdempotentOutcome<T> {
  status: number;
  body: T;
  /** True when this is the stored response of an earlier request with the same key. */
  replayed: boolean;
}

class KeyTaken extends Error {}

/**
 * Exactly-once execution of a request carrying an Idempotency-Key. The key row is inserted first in
 * the transaction of the change: a concurrent twin waits on it (unique index), then finds it and
 * replays; a failure rolls the key back with everything else, so a corrected retry can use it.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  static assertKey(key: string | undefined, required: boolean): string | undefined {
    if (key === undefined || key === '') {
      if (required) throw invalid('an Idempotency-Key header is required (a UUID generated once per submission, reused on every retry)');
      return undefined;
    }
    if (!IDEMPOTENCY_KEY.test(key)) throw invalid('Idempotency-Key must be 8–128 characters of letters, digits, _ . : - (a UUID is recommended)');
    return key;
  }

  async run<T>(request: IdempotentRequest, status: number, work: (manager: EntityManager) => Promise<T>): Promise<IdempotentOutcome<T>> {
    const fingerprint = requestFingerprint(request.operation, request.body);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const taken = await manager
          .createQueryBuilder()
          .insert()
          .into(IdempotencyRecord)
          .values({ owner: request.owner, key: request.key, operation: request.operation, fingerprint })
          .orIgnore()
          .returning('key')
          .execute();
        if ((taken.raw as unknown[]).length === 0) throw new KeyTaken();
        const body = await work(manager);
        await manager.update(IdempotencyRecord, { owner: request.owner, key: request.key }, { responseStatus: status, responseBody: body as never });
        return { status, body, replayed: false };
      });
    } catch (error) {
      if (!(error instanceof KeyTaken)) throw error;
    }
    const stored = await this.dataSource.getRepository(IdempotencyRecord).findOneByOrFail({ owner: request.owner, key: request.key });
    if (stored.operation !== request.operation || stored.fingerprint !== fingerprint) {
      throw conflict('this Idempotency-Key was already used for a different request; generate a new key for a new submission', {
        operation: stored.operation,
        firstUsedAt: stored.createdAt.toISOString(),
      });
    }
    return { status: stored.responseStatus ?? status, body: stored.responseBody as T, replayed: true };
  }
}
