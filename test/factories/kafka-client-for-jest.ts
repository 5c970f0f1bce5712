/**
 * `@platformatic/kafka` is ESM-only (and uses `import.meta`), which Jest's CommonJS module system
 * cannot load. Node's own `require` can (require(esm), Node ≥ 22.12), so jest.config.js maps the
 * package to this file, which hands it over to Node's loader. `process.getBuiltinModule` returns
 * the real `node:module`, not Jest's wrapper. Production code (tsx, esbuild bundles) is unaffected.
 */
const { createRequire } = process.getBuiltinModule('node:module');
module.exports = createRequire(__filename)('@platformatic/kafka');
