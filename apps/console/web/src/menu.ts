/**
 * Who sees which page. The side menu shows only the pages a user's roles may use, and the router
 * refuses (with the 无权访问 page) a page whose roles the user lacks; the services check again.
 */
export const ROLES = ['officer', 'inspector', 'admin', 'auditor', 'legal_reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<string, string> = {
  officer: '执法人员',
  inspector: '检查人员',
  admin: '系统管理员',
  auditor: '审计人员',
  legal_reviewer: '法制审核人员',
};

export interface MenuEntry {
  path: string;
  title: string;
  roles: readonly Role[];
  /** The menu group it sits under, if any. */
  group?: string;
}

const OFFICE: readonly Role[] = ['officer', 'admin'];

/** The pages in menu order. */
export const MENU: readonly MenuEntry[] = [
  { path: '/', title: '工作台', roles: OFFICE },
  { path: '/targets', title: '检查对象名录库', roles: OFFICE, group: '两库一单' },
  { path: '/inspectors', title: '执法检查人员名录库', roles: OFFICE, group: '两库一单' },
  { path: '/items', title: '随机抽查事项清单', roles: OFFICE, group: '两库一单' },
  { path: '/plans', title: '计划与任务', roles: OFFICE },
  { path: '/draws', title: '抽取', roles: OFFICE },
  { path: '/progress', title: '检查进度', roles: OFFICE },
  { path: '/decisions/new', title: '决定录入', roles: OFFICE, group: '决定公示' },
  { path: '/notices', title: '公示管理', roles: OFFICE, group: '决定公示' },
  { path: '/reviews', title: '法制审核', roles: ['legal_reviewer'] },
  { path: '/audit', title: '执法全过程记录', roles: ['auditor', 'admin'] },
  { path: '/accounts', title: '账号管理', roles: ['admin'] },
  { path: '/sessions', title: '登录会话', roles: ROLES },
];

/** Whether a user with these roles may open a page limited to `allowed` (no limit: anyone signed in). */
export function mayUse(userRoles: readonly string[], allowed: readonly string[] | undefined): boolean {
  if (!allowed) return true;
  return allowed.some((r) => userRoles.includes(r));
}

export interface MenuGroup {
  title: string;
  entries: MenuEntry[];
}

/** The menu of a user: entries they may use, grouped in order (an entry without group is its own). */
export function menuFor(userRoles: readonly string[]): MenuGroup[] {
  const groups: MenuGroup[] = [];
  for (const entry of MENU) {
    if (!mayUse(userRoles, entry.roles)) continue;
    const title = entry.group ?? entry.title;
    const last = groups.at(-1);
    if (entry.group && last?.title === entry.group) last.entries.push(entry);
    else groups.push({ title, entries: [entry] });
  }
  return groups;
}

/** Where a user lands after signing in: the first page of their menu that is not the sessions page. */
export function homeFor(userRoles: readonly string[]): string {
  const first = MENU.find((e) => e.path !== '/sessions' && mayUse(userRoles, e.roles));
  return first?.path ?? '/sessions';
}

/** Roles in words, for the header. */
export function roleWords(userRoles: readonly string[]): string {
  return userRoles.map((r) => ROLE_LABELS[r] ?? r).join('、');
}
