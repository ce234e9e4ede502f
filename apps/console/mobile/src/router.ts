/**
 * The app's few screens under /m/ (history mode; the service worker answers every /m/ address with the
 * app). No vue-router: six patterns do not need it. After a navigation the focus goes to the new screen's
 * h1 and the title follows, so screen readers announce the change.
 */
import { nextTick, reactive } from 'vue';

import { BASE, match, type Route } from './router-match';

export type { Route };

export const route = reactive<Route>(match(location.pathname));

function update(): void {
  Object.assign(route, match(location.pathname));
  void nextTick(() => {
    const h1 = document.querySelector<HTMLElement>('main h1');
    if (h1) {
      h1.tabIndex = -1;
      h1.focus({ preventScroll: false });
      document.title = `${h1.textContent?.trim() ?? ''} - 掌上执法`;
    }
  });
}

/** `to` is a path inside the app ('/visit/…'). */
export function navigate(to: string, replace = false): void {
  const url = BASE + (to.startsWith('/') ? to : `/${to}`);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  update();
  window.scrollTo(0, 0);
}

export function startRouter(): void {
  window.addEventListener('popstate', update);
  // Plain links inside the app are followed without a reload.
  document.addEventListener('click', (event) => {
    const a = (event.target as HTMLElement).closest?.('a');
    if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || a.target) return;
    const href = a.getAttribute('href');
    if (!href?.startsWith(`${BASE}/`) && href !== BASE) return;
    event.preventDefault();
    navigate(href.slice(BASE.length) || '/');
  });
  update();
}
