import { assertCanRead, assertCanWrite, type Principal } from '#auth';
import { invalid } from '#domain';

/**
 * The department a write applies to: the one asked for, or the caller's own. Throws 400 when there
 * is neither (an admin token names no department) and 403 when the caller may not write there.
 */
export function writableDepartment(user: Principal, requested?: string | null): string {
  const department = requested ?? user.department;
  if (!department) throw invalid('department is required: name the department this record belongs to');
  assertCanWrite(user, department);
  return department;
}

/**
 * The department filter of a list: the caller's own for officers (asking for another is 403);
 * any, or all, for admins and auditors.
 */
export function readableDepartment(user: Principal, requested?: string): string | undefined {
  if (requested) {
    assertCanRead(user, requested);
    return requested;
  }
  if (user.roles.includes('admin') || user.roles.includes('auditor')) return undefined;
  if (!user.department) throw invalid('your token names no department');
  return user.department;
}
