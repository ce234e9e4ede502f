import { changesState, cookieValue, csrfHeaders } from './csrf';

describe('CSRF header', () => {
  it('reads a cookie among others, decoding it', () => {
    expect(cookieValue('a=1; sc_csrf=abc%2Bdef; b=2', 'sc_csrf')).toBe('abc+def');
    expect(cookieValue('sc_csrf_old=x; sc_csrf=y', 'sc_csrf')).toBe('y');
    expect(cookieValue('a=1', 'sc_csrf')).toBeNull();
    expect(cookieValue('', 'sc_csrf')).toBeNull();
  });

  it('keeps a value that is not URI-encoded', () => {
    expect(cookieValue('sc_csrf=%E0%A4%A', 'sc_csrf')).toBe('%E0%A4%A');
  });

  it('adds the header to state-changing requests only', () => {
    expect(csrfHeaders('POST', 'sc_csrf=t1')).toEqual({ 'X-CSRF-Token': 't1' });
    expect(csrfHeaders('delete', 'sc_csrf=t1')).toEqual({ 'X-CSRF-Token': 't1' });
    expect(csrfHeaders('PATCH', 'sc_csrf=t1')).toEqual({ 'X-CSRF-Token': 't1' });
    expect(csrfHeaders('GET', 'sc_csrf=t1')).toEqual({});
    expect(csrfHeaders('HEAD', 'sc_csrf=t1')).toEqual({});
    expect(csrfHeaders('POST', 'other=1')).toEqual({});
    expect(changesState('put')).toBe(true);
  });
});
