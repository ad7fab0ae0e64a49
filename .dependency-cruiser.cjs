/**
 * The import boundaries (docs/architecture.md), checked by `npm run lint` on the compiled
 * JavaScript in dist/src (dependency-cruiser 16, the last line that runs on Node 20, does not
 * parse TypeScript 6), so the paths below are dist/src paths; type-only imports, erased by tsc,
 * are not seen. Rules:
 * - a module (a folder under src/) is entered through its index.ts only; chain/devnet (the dev
 *   chain) and chain/keys (keys and sr25519, which the protocol uses without the chain client)
 *   are modules of their own inside chain, with their own doors;
 * - the floors import nothing above them: base imports nothing from src/, pog only base,
 *   economy only base, config and pog, config only base.
 */
const DOORS = ['^dist/src/[^/]+/index\\.js$', '^dist/src/chain/devnet/index\\.js$', '^dist/src/chain/keys/index\\.js$'];

module.exports = {
  forbidden: [
    {
      name: 'module-door',
      severity: 'error',
      comment: "another module's file imported past its index.ts: import from the module's folder (its index.ts) instead, or export what you need there",
      from: { path: '^dist/src/([^/]+)/' },
      to: { path: '^dist/src/[^/]+/.', pathNot: ['^dist/src/$1/', ...DOORS] },
    },
    {
      name: 'devnet-door',
      severity: 'error',
      comment: 'chain/devnet is entered through chain/devnet/index.ts from outside src/chain',
      from: { path: '^dist/src/', pathNot: '^dist/src/chain/' },
      to: { path: '^dist/src/chain/devnet/.', pathNot: DOORS },
    },
    {
      name: 'base-is-the-floor',
      severity: 'error',
      comment: 'src/base imports nothing from src/',
      from: { path: '^dist/src/base/' },
      to: { path: '^dist/src/', pathNot: '^dist/src/base/' },
    },
    {
      name: 'pog-imports-nothing-above',
      severity: 'error',
      comment: 'the PoG core imports only src/base',
      from: { path: '^dist/src/pog/' },
      to: { path: '^dist/src/', pathNot: ['^dist/src/pog/', '^dist/src/base/'] },
    },
    {
      name: 'economy-imports-nothing-above',
      severity: 'error',
      comment: 'the economy imports only src/base, src/config and src/pog',
      from: { path: '^dist/src/economy/' },
      to: { path: '^dist/src/', pathNot: ['^dist/src/economy/', '^dist/src/base/', '^dist/src/config/', '^dist/src/pog/'], },
    },
    {
      name: 'config-imports-nothing-above',
      severity: 'error',
      comment: 'config imports only src/base',
      from: { path: '^dist/src/config/' },
      to: { path: '^dist/src/', pathNot: ['^dist/src/config/', '^dist/src/base/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^node_modules/' },
    combinedDependencies: false,
  },
};
