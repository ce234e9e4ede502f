// Lint, and the module boundaries of the README's architecture enforced rather than just drawn:
// no app imports another app; libs never import apps; the domain library stays framework-free.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const APPS = ['planning', 'inspection', 'publication', 'portal', 'console'];

// One clock: business time (deadlines, display periods, overdue scans, draw dates, "today") comes from
// the injected Clock of libs/platform/src/clock, which tests pin. Reading the machine's clock directly
// is refused everywhere in apps/, libs/ and test/. Elapsed time (rate-limit windows, cache ages,
// progress throttles, a test's wait) is measured with the monotonic performance.now(), which is no
// date. The one allowed place is the clock itself.
export const AMBIENT_TIME_RULE = [
  'error',
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Business time comes from the injected clock: inject CLOCK (#platform) and call clock.now(); tests pin it with TestClock. Elapsed time: performance.now().',
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Business time comes from the injected clock: inject CLOCK (#platform) and call clock.now(); tests pin it with TestClock. Elapsed time: performance.now().',
  },
];
const AMBIENT_TIME_ALLOWED = [
  'libs/platform/src/clock/clock.ts', // the system clock itself
  'apps/console/mobile/src/device-clock.ts', // the phone's own clock: when a photo was taken or a visit started (the server bounds it)
];
const otherApp = (app) =>
  APPS.filter((a) => a !== app).flatMap((a) => [`**/apps/${a}/**`, ...[1, 2, 3, 4, 5].map((n) => `${'../'.repeat(n)}${a}/**`)]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'apps/portal/public/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: otherApp(app), message: `apps/${app} must not import another app: share code through libs/ and data through events.` }] }],
    },
  })),
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**'], message: 'libs must not depend on apps.' }] }],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'test/**/*.ts'],
    ignores: AMBIENT_TIME_ALLOWED,
    rules: { 'no-restricted-syntax': AMBIENT_TIME_RULE },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', 'typeorm', 'pg', '@nats-io/*', '**/apps/**', '#*'], message: 'libs/domain is pure: no framework, database or broker imports.' }] },
      ],
    },
  },
);
