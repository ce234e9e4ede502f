/** The console's own API: sign-in, the session, password change, sessions, accounts (contract). */
import { del, get, post, request, type Page } from './http';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  department: string | null;
  inspectorId: string | null;
  mustChangePassword: boolean;
  authMethod: 'local' | 'oidc';
}

export interface AuthConfig {
  localLogin: boolean;
  oidc: { enabled: boolean; label: string };
  /** The portal's public origin, or null when the console was not told it. */
  portalUrl: string | null;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

/** An account as the admin API shows it (AccountView of apps/console). */
export interface Account extends User {
  status: 'active' | 'disabled';
  inspectorCertificateNo: string | null;
  lockedUntil: string | null;
  failedAttempts: number;
  createdAt: string;
  updatedAt: string;
}

/** GET /auth/directory/inspectors: planning's inspector directory, to link an inspector's account. */
export interface DirectoryInspector {
  id: string;
  certificateNo: string;
  name: string;
  department: string;
  status: string;
}

export const authApi = {
  config: () => get<AuthConfig>('/auth/config'),
  me: () => get<{ user: User }>('/auth/me'),
  login: (username: string, password: string) => post<{ user: User }>('/auth/login', { username, password }),
  logout: () => post<null>('/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) => post<null>('/auth/password', { currentPassword, newPassword }),
  sessions: () => get<SessionInfo[]>('/auth/sessions'),
  revokeSession: (id: string) => del<null>(`/auth/sessions/${encodeURIComponent(id)}`),
  oidcLoginHref: (returnTo: string) => `/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`,
};

/** The admin API (role admin). */
export const ACCOUNTS_URL = '/auth/accounts';
export const accountsApi = {
  list: (q: { q?: string; role?: string; department?: string; limit: number; offset: number }) => get<Page<Account>>(ACCOUNTS_URL, q),
  create: (body: { username: string; displayName: string; roles: string[]; department: string | null; inspectorId?: string | null }) =>
    post<{ account: Account; initialPassword: string }>(ACCOUNTS_URL, body),
  update: (id: string, body: Partial<Pick<Account, 'displayName' | 'roles' | 'department' | 'inspectorId' | 'status'>>) =>
    request<Account>('PATCH', `${ACCOUNTS_URL}/${encodeURIComponent(id)}`, { body }),
  resetPassword: (id: string) => post<{ initialPassword: string }>(`${ACCOUNTS_URL}/${encodeURIComponent(id)}/reset-password`),
  inspectors: (q: { q?: string; department?: string }) => get<DirectoryInspector[]>('/auth/directory/inspectors', q),
};
