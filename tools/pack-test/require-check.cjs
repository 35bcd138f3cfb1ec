// The packages are ESM-only (exports map to ESM under "default"). On Node versions with require(esm) (20.19+, 22.12+; see
// process.features.require_module) require() loads them; elsewhere it must fail with ERR_REQUIRE_ESM,
// which names the package and tells the user to use import(). Either outcome is printed as JSON
// for run.mjs to check.
const out = { requireModule: Boolean(process.features && process.features.require_module), packages: {} };
for (const name of ['@weightnorm/core', '@weightnorm/backend-cpu', '@weightnorm/nn']) {
  try {
    const mod = require(name);
    out.packages[name] = { ok: true, exports: Object.keys(mod).length };
  } catch (e) {
    out.packages[name] = { ok: false, code: e.code, message: String(e.message).split('\n')[0] };
  }
}
console.log(JSON.stringify(out));
