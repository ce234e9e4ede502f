// Lint, and the module boundaries of DESIGN.md enforced rather than just drawn:
// no app imports another app; libs never import apps; the domain library stays framework-free.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const APPS = ['planning', 'inspection', 'publication', 'portal'];

// One clock: business time (deadlines, display periods, overdue scans, draw dates, "today") comes from
// the injected Clock of libs/platform/src/clock, which tests pin. Reading the machine's clock directly
// is refused everywhere in apps/ and libs/, tests included. The allowed places are the clock itself and
// code that only measures infrastructure time (rate-limit windows, cache ages, poll loops); a single
// line elsewhere that measures such time says so in an eslint-disable comment with its reason.
export const AMBIENT_TIME_RULE = [
  'error',
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Business time comes from the injected clock: inject CLOCK (#platform) and call clock.now(); tests pin it with TestClock.',
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Business time comes from the injected clock: inject CLOCK (#platform) and call clock.now(); tests pin it with TestClock.',
  },
];
const AMBIENT_TIME_ALLOWED = [
  'libs/platform/src/clock/clock.ts', // the system clock itself
  'apps/portal/src/rate-limit.ts', // request-rate windows
  'libs/messaging/src/**/*.ts', // relay poll loops, consumer back-off; occurredAt comes from the app clock passed in
  'libs/persistence/src/**/*.ts', // connection and migration timing
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
