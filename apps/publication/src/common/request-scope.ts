import { BadRequestException } from '@nestjs/common';
import { assertCanRead, assertCanWrite, hasRole, type Principal } from '#auth';

/** The department a write goes to: the one asked for, or the caller's own. */
export function writeDepartment(user: Principal, asked?: string): string {
  const department = asked ?? user.department;
  if (!department) throw new BadRequestException('say which department: your token names none');
  assertCanWrite(user, department);
  return department;
}

/** The department filter of a read: admins and auditors may read all (undefined), others only their own. */
export function readDepartment(user: Principal, asked?: string): string | undefined {
  if (asked) {
    assertCanRead(user, asked);
    return asked;
  }
  if (hasRole(user, 'admin', 'auditor')) return undefined;
  if (!user.department) throw new BadRequestException('say which department: your token names none');
  return user.department;
}
