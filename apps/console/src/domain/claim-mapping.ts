import { ROLES, type Role } from '#auth';

/**
 * How an OpenID provider's ID-token claims become a console user's roles and department
 * (OIDC_ROLES_CLAIM, OIDC_DEPARTMENT_CLAIM, OIDC_ROLE_MAP). A claim name may be a dotted path
 * (`realm_access.roles` for Keycloak). The role map translates the provider's role names into
 * ours; without a map, a provider role that is one of ours is taken as it is, except `admin`: a
 * provider's "admin" (of the provider, or of some other application) must never make a console
 * admin by accident, so admin is granted only through an explicit OIDC_ROLE_MAP entry. Unknown roles are dropped.
 */
export interface ClaimMapping {
  rolesClaim: string;
  departmentClaim: string;
  /** Provider role → one or more of our roles. */
  roleMap?: Record<string, Role | Role[]>;
}

export interface MappedClaims {
  roles: Role[];
  department: string | null;
}

function at(claims: Record<string, unknown>, pathText: string): unknown {
  if (pathText in claims) return claims[pathText];
  return pathText.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), claims);
}

const isRole = (r: unknown): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r);

export function mapClaims(claims: Record<string, unknown>, mapping: ClaimMapping): MappedClaims {
  const raw = at(claims, mapping.rolesClaim);
  const given = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : []).filter((r): r is string => typeof r === 'string' && r !== '');
  const roles = new Set<Role>();
  for (const r of given) {
    const mapped = mapping.roleMap ? (Object.hasOwn(mapping.roleMap, r) ? mapping.roleMap[r] : undefined) : r === 'admin' ? undefined : r;
    for (const m of [mapped ?? []].flat()) if (isRole(m)) roles.add(m);
  }
  const dept = at(claims, mapping.departmentClaim);
  const department = typeof dept === 'string' && dept.trim() !== '' ? dept.trim() : Array.isArray(dept) && typeof dept[0] === 'string' ? dept[0] : null;
  return { roles: ROLES.filter((r) => roles.has(r)), department };
}

/** Parses OIDC_ROLE_MAP: a JSON object from provider role names to one of our roles or a list of them. Throws with the reason. */
export function parseRoleMap(text: string | undefined): Record<string, Role | Role[]> | undefined {
  if (!text) return undefined;
  const parsed = JSON.parse(text) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('OIDC_ROLE_MAP must be a JSON object, e.g. {"zf-officer":"officer"}');
  for (const [k, v] of Object.entries(parsed)) {
    const list = [v].flat();
    if (!list.length || !list.every(isRole)) throw new Error(`OIDC_ROLE_MAP: "${k}" maps to ${JSON.stringify(v)}, not one of ${ROLES.join(', ')}`);
  }
  return parsed as Record<string, Role | Role[]>;
}
