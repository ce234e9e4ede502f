/**
 * A small history-mode router (the console has a dozen pages; vue-router is not among the project's
 * packages). Routes name the roles that may open them: a signed-out user goes to 登录 with returnTo, a
 * user who must change the password goes to 修改密码, a user without the role sees 无权访问 at the URL
 * they asked for, and an unknown path shows 页面不存在. Plain <a href> links are intercepted globally.
 */
import { markRaw, nextTick, shallowRef, type Component } from 'vue';
import { homeFor, mayUse, type Role } from './menu';
import { matchRoute, safeReturnTo } from './route-match';
import { loadSession, session } from './session';
import ForbiddenPage from './pages/ForbiddenPage.vue';
import NotFoundPage from './pages/NotFoundPage.vue';

type Loader = () => Promise<{ default: Component }>;

export interface RouteDef {
  path: string;
  title: string;
  load: Loader;
  roles?: readonly Role[];
  /** Open without a session (the sign-in page). */
  public?: boolean;
  /** Shown without the menu and header. */
  bare?: boolean;
}

const OFFICE: readonly Role[] = ['officer', 'admin'];

export const ROUTES: readonly RouteDef[] = [
  { path: '/login', title: '登录', load: () => import('./pages/LoginPage.vue'), public: true, bare: true },
  { path: '/password', title: '修改密码', load: () => import('./pages/PasswordPage.vue') },
  { path: '/', title: '工作台', load: () => import('./pages/HomePage.vue'), roles: OFFICE },
  { path: '/targets', title: '检查对象名录库', load: () => import('./pages/TargetsPage.vue'), roles: OFFICE },
  { path: '/inspectors', title: '执法检查人员名录库', load: () => import('./pages/InspectorsPage.vue'), roles: OFFICE },
  { path: '/items', title: '随机抽查事项清单', load: () => import('./pages/ItemsPage.vue'), roles: OFFICE },
  { path: '/plans', title: '计划与任务', load: () => import('./pages/PlansPage.vue'), roles: OFFICE },
  { path: '/draws', title: '抽取', load: () => import('./pages/DrawsPage.vue'), roles: OFFICE },
  { path: '/tasks/:id/draw', title: '抽取', load: () => import('./pages/DrawPage.vue'), roles: OFFICE },
  { path: '/progress', title: '检查进度', load: () => import('./pages/ProgressPage.vue'), roles: OFFICE },
  { path: '/decisions/new', title: '决定录入', load: () => import('./pages/DecisionEntryPage.vue'), roles: OFFICE },
  { path: '/notices', title: '公示管理', load: () => import('./pages/NoticesPage.vue'), roles: OFFICE },
  { path: '/reviews', title: '法制审核', load: () => import('./pages/ReviewsPage.vue'), roles: ['legal_reviewer'] },
  { path: '/audit', title: '执法全过程记录', load: () => import('./pages/AuditPage.vue'), roles: ['auditor', 'admin'] },
  { path: '/accounts', title: '账号管理', load: () => import('./pages/AccountsPage.vue'), roles: ['admin'] },
  { path: '/sessions', title: '登录会话', load: () => import('./pages/SessionsPage.vue') },
];

export interface CurrentRoute {
  def: RouteDef | null;
  component: Component;
  title: string;
  params: Record<string, string>;
  query: URLSearchParams;
  fullPath: string;
  bare: boolean;
}

const APP_NAME = '执法监管工作台';

export const route = shallowRef<CurrentRoute | null>(null);

type Resolution = { redirect: string } | { current: CurrentRoute };

function page(def: RouteDef | null, component: Component, title: string, params: Record<string, string>, url: URL, bare = false): Resolution {
  return { current: { def, component: markRaw(component), title, params, query: url.searchParams, fullPath: url.pathname + url.search, bare } };
}

async function resolve(fullPath: string): Promise<Resolution> {
  const url = new URL(fullPath, window.location.origin);
  const matched = matchRoute(ROUTES, url.pathname);
  const user = await loadSession();
  if (matched?.route.public) {
    if (user && matched.route.path === '/login') return { redirect: safeReturnTo(url.searchParams.get('returnTo'), homeFor(user.roles)) };
    return page(matched.route, (await matched.route.load()).default, matched.route.title, matched.params, url, matched.route.bare);
  }
  if (!user) return { redirect: `/login?returnTo=${encodeURIComponent(url.pathname + url.search)}` };
  if (user.mustChangePassword && matched?.route.path !== '/password') return { redirect: '/password' };
  if (!matched) return page(null, NotFoundPage, '页面不存在', {}, url);
  // The home page is the officers'; other roles start at their own first page.
  if (matched.route.path === '/' && !mayUse(user.roles, matched.route.roles)) return { redirect: homeFor(user.roles) };
  if (!mayUse(user.roles, matched.route.roles)) return page(matched.route, ForbiddenPage, '无权访问', matched.params, url);
  return page(matched.route, (await matched.route.load()).default, matched.route.title, matched.params, url, matched.route.bare);
}

let generation = 0;

/** Goes to a path of the console (pushes history unless replace). */
export async function navigate(to: string, options: { replace?: boolean; initial?: boolean } = {}): Promise<void> {
  const mine = ++generation;
  let target = to;
  let replace = options.replace ?? false;
  for (let hops = 0; hops < 5; hops++) {
    const r = await resolve(target);
    if (mine !== generation) return;
    if ('redirect' in r) {
      target = r.redirect;
      replace = true;
      continue;
    }
    const here = window.location.pathname + window.location.search;
    if (r.current.fullPath !== here || hops > 0) {
      if (replace || options.initial) window.history.replaceState(null, '', r.current.fullPath + new URL(target, window.location.origin).hash);
      else window.history.pushState(null, '', r.current.fullPath);
    }
    route.value = r.current;
    document.title = `${r.current.title} - ${APP_NAME}`;
    if (!options.initial) {
      // Screen-reader and keyboard users land on the new page's heading, as after a full page load.
      await nextTick();
      const h1 = document.querySelector<HTMLElement>('main h1');
      if (h1) {
        h1.tabIndex = -1;
        h1.focus({ preventScroll: false });
      }
    }
    return;
  }
}

/** Reloads the current page's route (after the session changed). */
export function refresh(): Promise<void> {
  return navigate(window.location.pathname + window.location.search, { replace: true });
}

function isInternal(a: HTMLAnchorElement): boolean {
  if (a.target && a.target !== '_self') return false;
  if (a.hasAttribute('download') || a.dataset.external !== undefined) return false;
  if (a.origin !== window.location.origin) return false;
  return !/^\/(api|auth|\.well-known|docs|health)(\/|$)/.test(a.pathname);
}

export function startRouter(): Promise<void> {
  window.addEventListener('popstate', () => void navigate(window.location.pathname + window.location.search, { replace: true }));
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const a = (event.target as Element | null)?.closest?.('a[href]');
    if (!(a instanceof HTMLAnchorElement) || !isInternal(a)) return;
    event.preventDefault();
    void navigate(a.pathname + a.search);
  });
  return navigate(window.location.pathname + window.location.search, { initial: true });
}

/** Signed out (or the session ended): back to the sign-in page. */
export function toLogin(): void {
  session.user = null;
  const here = window.location.pathname + window.location.search;
  void navigate(here.startsWith('/login') ? here : `/login?returnTo=${encodeURIComponent(here)}`, { replace: true });
}
