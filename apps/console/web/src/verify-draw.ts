// The same verifier the portal and `npm run verify-draw` run (libs/domain, pure TypeScript), loaded
// only when an officer presses 验证: the console checks a revealed draw on the officer's own machine.
export { verifyDrawBundle } from '../../../../libs/domain/src/draw/verify-bundle.js';
