/**
 * The password policy of local accounts, after NIST SP 800-63B §5.1.1.2 and OWASP's Authentication
 * Cheat Sheet: length over composition rules (at least 12 characters, at most 128), not the user
 * name, and not one of the passwords attackers try first. No forced character classes.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/** Passwords of 12+ characters that lead the published breach lists, and local variants. Compared lower-case. */
const COMMON = new Set([
  '123456789012', '1234567890123', '12345678901234', '111111111111', '000000000000', '123123123123', '123456123456',
  'qwertyuiop12', 'qwertyuiop123', '1qaz2wsx3edc', '1q2w3e4r5t6y', 'qazwsxedcrfv', 'asdfghjkl123', 'zxcvbnm12345',
  'password1234', 'password123!', 'passw0rd1234', 'p@ssw0rd1234', 'administrator', 'admin1234567', 'admin123456!',
  'iloveyou1234', 'welcome12345', 'changeme1234', 'letmein12345', 'abc123456789', 'abcdefghijkl', 'aaaaaaaaaaaa',
  'woaini131452', 'woaini520131', '5201314520131', 'a123456789012', 'qq1234567890', 'spotcheck123', 'spotcheck1234',
]);

/** The reason `password` is refused for `username`, or undefined when it is acceptable. */
export function passwordProblem(password: string, username: string): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (length > MAX_PASSWORD_LENGTH) return `密码最多 ${MAX_PASSWORD_LENGTH} 个字符`;
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return '密码不能包含用户名';
  if (COMMON.has(lower)) return '密码过于常见，请换一个';
  if (new Set(password).size <= 2) return '密码过于简单，请换一个';
  return undefined;
}
