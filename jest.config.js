// Jest runs the TypeScript sources as ESM (NestJS 12 is ESM-only; docs/developing.md, stack note 1).
// Type-checking is `npm run typecheck`'s job, so ts-jest only transpiles (isolatedModules).
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^#(domain|contracts|messaging|persistence|auth|platform)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
};

export default {
  // A global option (Jest ignores it per project): integration tests wait on real services.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts', '<rootDir>/test/deploy/*.spec.ts', '<rootDir>/test/lint/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
