/** A Dexie liveQuery as a Vue ref: the screen follows IndexedDB as the outbox and the sync write to it. */
import { liveQuery } from 'dexie';
import { onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue';

export function useLive<T>(query: () => Promise<T>, initial: T, deps?: WatchSource[]): Ref<T> {
  const value = shallowRef(initial) as Ref<T>;
  let sub: { unsubscribe(): void } | null = null;
  const start = () => {
    sub?.unsubscribe();
    sub = liveQuery(query).subscribe({ next: (v) => (value.value = v), error: (e) => console.error(e) });
  };
  start();
  if (deps) watch(deps, start);
  onScopeDispose(() => sub?.unsubscribe());
  return value;
}
