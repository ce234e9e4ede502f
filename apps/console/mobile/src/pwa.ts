/**
 * Registers the service worker (workbox-window) and asks the browser to keep the app's storage
 * (navigator.storage.persist) so that unsent records are not evicted under storage pressure. A new
 * version waits until the inspector taps 更新.
 */
import { Workbox } from 'workbox-window';
import { reactive } from 'vue';

export const pwa = reactive({ updateReady: false, persisted: null as boolean | null });
let wb: Workbox | null = null;

export async function registerPwa(): Promise<void> {
  if (navigator.storage?.persist) pwa.persisted = await navigator.storage.persist().catch(() => false);
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  wb = new Workbox('/m/sw.js', { scope: '/m/' });
  wb.addEventListener('waiting', () => (pwa.updateReady = true));
  wb.addEventListener('controlling', (event) => {
    if (event.isUpdate) location.reload();
  });
  await wb.register().catch((e: unknown) => console.warn('service worker not registered', e));
}

export function applyUpdate(): void {
  wb?.messageSkipWaiting();
}
