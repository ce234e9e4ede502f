import { ref } from 'vue';

/** Why the console could not start (the server did not answer /auth/me), shown instead of a blank page. */
export const bootError = ref<string | null>(null);
