import type { Account } from './account.entity.js';

/** The signed-in user as the pages see it (contract: GET /auth/me). */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  department: string | null;
  inspectorId: string | null;
  mustChangePassword: boolean;
  authMethod: 'local' | 'oidc';
}

/** An account as the admin pages see it: the user view plus status and lockout. Never the password hash. */
export interface AccountView extends UserView {
  status: 'active' | 'disabled';
  inspectorCertificateNo: string | null;
  lockedUntil: string | null;
  failedAttempts: number;
  createdAt: string;
  updatedAt: string;
}

export function userView(a: Account): UserView {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    roles: [...a.roles],
    department: a.department,
    inspectorId: a.inspectorId,
    mustChangePassword: a.mustChangePassword,
    authMethod: a.authMethod,
  };
}

export function accountView(a: Account): AccountView {
  return {
    ...userView(a),
    status: a.status,
    inspectorCertificateNo: a.inspectorCertificateNo,
    lockedUntil: a.lockedUntil ? a.lockedUntil.toISOString() : null,
    failedAttempts: a.failedAttempts,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
