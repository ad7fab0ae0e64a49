/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: '<rootDir>/test/support/ort-jest-environment.cjs',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is done once by `tsc` in `npm test`; ts-jest only transpiles
    // (tsconfig.json sets isolatedModules).
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  testTimeout: 60000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
};
