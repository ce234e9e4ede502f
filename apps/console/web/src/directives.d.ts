import type { vScrollable } from './scrollable';

// The global directives registered in main.ts, for the templates' type check.
declare module 'vue' {
  interface GlobalDirectives {
    vScrollable: typeof vScrollable;
  }
}

export {};
