/// <reference lib="webworker" />
/**
 * The app's service worker (scope /m/): the app shell precached by Workbox (so the app opens with no
 * network), every page address answered with index.html, nothing of /api or /auth cached (the data lives
 * in IndexedDB, written by the app itself). Background Sync: when the connection returns, an open app is
 * told to send its outbox; with none open, the worker sends it itself.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { meta, META_USER, type CachedUser } from './db';
import { drainOutbox } from './outbox/sender';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

const SYNC_TAG = 'spotcheck-outbox';

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/m/index.html'), { allowlist: [/^\/m(\/|$)/] }));

// A new version waits until the app says the inspector agreed (a reload in the middle of a visit loses nothing,
// the draft is in IndexedDB, but it is not the app's to decide mid-signature); the first install takes over at once.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();

interface SyncEvent extends ExtendableEvent {
  tag: string;
}

self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window' });
      if (windows.length) {
        for (const w of windows) w.postMessage({ type: 'outbox-sync' });
        return;
      }
      const user = await meta.get<CachedUser>(META_USER);
      if (!user) return;
      const r = await drainOutbox(user.id);
      // Something still waits (network again, 5xx): let the browser schedule another sync.
      if (r.interrupted) throw new Error('outbox not fully sent');
    })(),
  );
}) as EventListener);
