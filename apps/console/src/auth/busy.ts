import { HttpException, HttpStatus } from '@nestjs/common';
import { GateFullError } from '../domain/concurrency-gate.js';

export const BUSY_MESSAGE = '系统繁忙，请稍后再试 (too many sign-ins are being checked right now; please retry shortly)';

/** Runs password hashing; a full scrypt gate (domain/concurrency-gate.ts) becomes 503 {message, retryAfterSeconds}, never a hang. */
export async function unlessBusy<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof GateFullError) {
      throw new HttpException({ statusCode: 503, message: BUSY_MESSAGE, retryAfterSeconds: error.retryAfterSeconds }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    throw error;
  }
}

/** The seconds an answer asks the client to wait (423 locked, 429 too many, 503 busy), for its Retry-After header. */
export function retryAfterOf(error: unknown): number | undefined {
  if (!(error instanceof HttpException) || ![423, 429, 503].includes(error.getStatus())) return undefined;
  const body = error.getResponse();
  return typeof body === 'object' && body && typeof (body as { retryAfterSeconds?: unknown }).retryAfterSeconds === 'number' ? (body as { retryAfterSeconds: number }).retryAfterSeconds : undefined;
}
