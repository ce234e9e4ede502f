export const ROLES = ['officer', 'inspector', 'admin', 'auditor', 'legal_reviewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as established from a verified bearer token. */
export interface Principal {
  /** The token subject: for inspectors, their inspector id (执法证号 record) in the planning directory. */
  sub: string;
  roles: Role[];
  /** The department (unit) the caller belongs to; scope of officers' and inspectors' access. */
  department?: string;
  name?: string;
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

/** Admins and auditors read every department; others only their own. */
export function canReadDepartment(p: Principal, department: string): boolean {
  return hasRole(p, 'admin', 'auditor') || p.department === department;
}

/** Admins write everywhere; officers only in their department; auditors never. */
export function canWriteDepartment(p: Principal, department: string): boolean {
  return hasRole(p, 'admin') || (hasRole(p, 'officer') && p.department === department);
}
