// The few parts of autocannon (no published types) that portal-load.ts uses.
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    overallRate?: number;
    duration?: number;
    requests?: { method: string; path: string }[];
  }
  interface Instance {
    on(event: 'response', fn: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
    on(event: 'done', fn: (result: { errors: number }) => void): void;
  }
  export default function autocannon(options: Options): Instance;
}
