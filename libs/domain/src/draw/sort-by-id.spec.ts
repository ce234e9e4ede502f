import { createHash } from 'node:crypto';
import { sortById } from './sort-by-id.js';

const compare = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('sortById', () => {
  it('orders ASCII ids exactly like a code-unit comparison, prefixes and duplicates included', () => {
    const ids = ['T10', 'T2', 'T1', 'T', 'a', 'A', 'T1', '9', 'T10.5', 'T1-', 'T1:', 'z'];
    const items = ids.map((id, n) => ({ id, n }));
    expect(sortById(items).map((x) => x.id)).toEqual([...items].sort(compare).map((x) => x.id));
  });

  it('agrees with Array.prototype.sort on 20,000 mixed ids', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => {
      const h = createHash('sha256').update(String(i)).digest('hex');
      const kind = i % 4;
      const id = kind === 0 ? h.slice(0, 36) : kind === 1 ? `T${i % 5000}` : kind === 2 ? `91${h.slice(0, 16).toUpperCase()}` : `P-${h.slice(0, i % 7)}`;
      return { id, i };
    });
    const expected = [...items].sort((a, b) => compare(a, b) || a.i - b.i).map((x) => x.id);
    expect(sortById(items).map((x) => x.id)).toEqual(expected);
  });
});
