import { passwordProblem } from './password-policy.js';

describe('password policy', () => {
  it('takes a long password of any characters, Chinese included', () => {
    expect(passwordProblem('correct horse battery', 'zhang.san')).toBeUndefined();
    expect(passwordProblem('水利执法检查二〇二六年度口令', 'zhang.san')).toBeUndefined();
  });

  it('refuses fewer than 12 characters (counted as characters, not bytes) and more than 128', () => {
    expect(passwordProblem('short-pass1', 'u')).toBe('密码至少 12 个字符');
    expect(passwordProblem('水利执法检查口令', 'u')).toBe('密码至少 12 个字符');
    expect(passwordProblem('x'.repeat(64) + 'y'.repeat(65), 'u')).toBe('密码最多 128 个字符');
  });

  it('refuses the user name inside it, common passwords and one repeated character', () => {
    expect(passwordProblem('zhang.san-2026!', 'Zhang.San')).toBe('密码不能包含用户名');
    expect(passwordProblem('Password1234', 'u')).toBe('密码过于常见，请换一个');
    expect(passwordProblem('1qaz2wsx3edc', 'u')).toBe('密码过于常见，请换一个');
    expect(passwordProblem('abababababababab', 'u')).toBe('密码过于简单，请换一个');
  });
});
