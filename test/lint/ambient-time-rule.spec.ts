import path from 'node:path';
import { ESLint } from 'eslint';

/**
 * The one-clock rule of eslint.config.js, run by ESLint itself on code placed (virtually) in a
 * service: the machine's clock is refused there, the injected clock and dates built from values pass,
 * and the named infrastructure places stay allowed.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function ambientTimeMessages(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const SERVICE = 'apps/publication/src/notices/example.service.ts';

describe('the one-clock lint rule', () => {
  it('flags new Date() without arguments in a service', async () => {
    const messages = await ambientTimeMessages(`export const publishedAt = () => new Date();\n`, SERVICE);
    expect(messages).toEqual([expect.stringContaining('injected clock')]);
  });

  it('flags Date.now() in a library and in a test', async () => {
    expect(await ambientTimeMessages(`export const t = Date.now();\n`, 'libs/domain/src/calendar/example.ts')).toHaveLength(1);
    expect(await ambientTimeMessages(`export const t = Date.now();\n`, 'test/integration/example.int-spec.ts')).toHaveLength(1);
  });

  it('lets through the injected clock and dates built from values', async () => {
    const code = `export function f(clock: { now(): Date }, s: string) { return [clock.now(), new Date(s), new Date(0), Date.parse(s)]; }\n`;
    expect(await ambientTimeMessages(code, SERVICE)).toEqual([]);
  });

  it('allows the clock itself, and elapsed time on the monotonic clock', async () => {
    expect(await ambientTimeMessages(`export const now = () => new Date();\n`, 'libs/platform/src/clock/clock.ts')).toEqual([]);
    // Elapsed time is measured with the monotonic clock, which the rule leaves alone.
    expect(await ambientTimeMessages(`export const t = performance.now();\n`, SERVICE)).toEqual([]);
  });
});
