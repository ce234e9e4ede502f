// Lint, and the module boundaries of DESIGN.md enforced rather than just drawn:
// no app imports another app; libs never import apps; the domain library stays framework-free.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const APPS = ['planning', 'inspection', 'publication', 'portal'];
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
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', 'typeorm', 'pg', '@nats-io/*', '**/apps/**', '#*'], message: 'libs/domain is pure: no framework, database or broker imports.' }] },
      ],
    },
  },
);
