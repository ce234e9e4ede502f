import { checkSampling } from './sampling.js';

const DEFAULTS = { A: 0.05, B: 0.1, C: 0.1 * 1.5, D: 0.3 };

describe('checkSampling', () => {
  it('fills a class left out with its default, rounded to the 6 decimals a ratio may have', () => {
    expect(DEFAULTS.C).not.toBe(0.15); // binary noise: 0.15000000000000002
    const { value, problems } = checkSampling({ A: { count: 3 } }, DEFAULTS);
    expect(problems).toEqual([]);
    expect(value).toEqual({ A: { count: 3 }, B: { ratio: 0.1 }, C: { ratio: 0.15 }, D: { ratio: 0.3 } });
  });

  it('names every problem: unknown class, ratio out of range or too precise, both keys, a bad count', () => {
    const { value, problems } = checkSampling({ E: { ratio: 0.1 }, A: { ratio: 1.5 }, B: { ratio: 0.1234567 }, C: { ratio: 0.1, count: 2 }, D: { count: 0 } }, DEFAULTS);
    expect(value).toBeUndefined();
    expect(problems).toEqual([
      "sampling: unknown credit class 'E' (use A, B, C or D)",
      'sampling.A.ratio must be at most 1 (got 1.5)',
      'sampling.B.ratio must have at most 6 decimal places',
      'sampling.C must be exactly one of { "ratio": r } or { "count": n }',
      'sampling.D.count must be a positive integer: no credit class is exempt',
    ]);
  });

  it('exempts no class: a ratio of 0 is refused', () => {
    expect(checkSampling({ A: { ratio: 0 } }, DEFAULTS).problems).toEqual(['sampling.A.ratio must be above 0: no credit class is exempt (got 0)']);
  });
});
