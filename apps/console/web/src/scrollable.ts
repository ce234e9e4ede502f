import type { Directive } from 'vue';

/**
 * `v-scrollable` on a box that may scroll (a wide table on a tablet, a long error list): while its
 * content overflows, the box takes the keyboard focus (tabindex 0) and is a named region, so that
 * keyboard users can scroll it (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
const observers = new WeakMap<HTMLElement, ResizeObserver>();

function update(el: HTMLElement, label: string): void {
  const scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
  if (scrolls) {
    el.tabIndex = 0;
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', label || el.querySelector('caption')?.textContent?.trim() || '可滚动区域');
  } else {
    el.removeAttribute('tabindex');
    el.removeAttribute('role');
    el.removeAttribute('aria-label');
  }
}

export const vScrollable: Directive<HTMLElement, string | undefined> = {
  mounted(el, binding) {
    const observer = new ResizeObserver(() => update(el, binding.value ?? ''));
    observer.observe(el);
    const table = el.querySelector('table');
    if (table) observer.observe(table);
    observers.set(el, observer);
    update(el, binding.value ?? '');
  },
  updated(el, binding) {
    update(el, binding.value ?? '');
  },
  unmounted(el) {
    observers.get(el)?.disconnect();
    observers.delete(el);
  },
};
