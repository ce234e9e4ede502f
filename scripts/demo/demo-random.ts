import { seededRandom } from '#domain';

/** The demo data set is the same on every machine: one seeded PRNG, from the domain library. */
export { seededRandom };

export const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
export const between = (rnd: () => number, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
