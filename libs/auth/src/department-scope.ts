import { ForbiddenException } from '@nestjs/common';
import { canReadDepartment, canWriteDepartment, type Principal } from './principal.js';

/** Throws 403 unless the caller may read records of `department`. */
export function assertCanRead(user: Principal, department: string): void {
  if (!canReadDepartment(user, department)) throw new ForbiddenException(`no access to department ${department}`);
}

/** Throws 403 unless the caller may change records of `department`. */
export function assertCanWrite(user: Principal, department: string): void {
  if (!canWriteDepartment(user, department)) throw new ForbiddenException(`no write access to department ${department}`);
}
