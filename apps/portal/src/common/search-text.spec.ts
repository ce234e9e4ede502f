import { bigramsOf, chinaToday, normalizeForSearch, searchTerms } from './search-text.js';

describe('search text', () => {
  it('folds full-width and upper-case forms the way stored text is folded', () => {
    expect(normalizeForSearch('ＡＢ水利１２')).toBe('ab水利12');
  });

  it('splits a query into at most five distinct terms', () => {
    expect(searchTerms('  水利  采砂 水利 ')).toEqual(['水利', '采砂']);
    expect(searchTerms('a b c d e f g')).toHaveLength(5);
    expect(searchTerms(undefined)).toEqual([]);
  });

  it('gives the character pairs of a term, none for a single character', () => {
    expect(bigramsOf('水利')).toEqual(['水利']);
    expect(bigramsOf('河道采砂')).toEqual(['河道', '道采', '采砂']);
    expect(bigramsOf('罚')).toEqual([]);
    expect(bigramsOf('𠀀𠀁')).toEqual(['𠀀𠀁']);
  });

  it('computes the date in China, not UTC', () => {
    expect(chinaToday(new Date('2020-12-31T16:30:00Z'))).toBe('2021-01-01');
  });
});
