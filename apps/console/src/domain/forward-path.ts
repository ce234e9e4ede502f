/**
 * True when a forwarded path (as the browser sent it, not decoded) could mean another path to the
 * service than it seems to the console: a `.` or `..` segment, an encoded dot, slash or backslash
 * (`%2e`, `%2f`, `%5c`, any case), or a backslash. Such a path is answered 404, never forwarded.
 */
export function unsafeForwardPath(path: string): boolean {
  if (/%2e|%2f|%5c|\\/i.test(path)) return true;
  return path.split('/').some((segment) => segment === '.' || segment === '..');
}
