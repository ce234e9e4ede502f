/** The signed-in user, as GET /auth/me says (the session cookie itself is httpOnly and never read here). */
import { reactive } from 'vue';
import { authApi, type User } from './api/auth';
import { ApiError } from './api/errors';

export const session = reactive({
  user: null as User | null,
  loaded: false,
});

let loading: Promise<User | null> | null = null;

/** Loads the user once (or again with force); null when not signed in. */
export function loadSession(force = false): Promise<User | null> {
  if (session.loaded && !force) return Promise.resolve(session.user);
  loading ??= authApi
    .me()
    .then(({ user }) => user)
    .catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    })
    .then((user) => {
      session.user = user;
      session.loaded = true;
      return user;
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

export function setUser(user: User | null): void {
  session.user = user;
  session.loaded = true;
}
