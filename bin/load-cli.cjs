'use strict';
// Loads the bundled CLI (dist/score-ts.cjs) with V8's code cache (dist/score-ts.cache, made by the build),
// so its functions need not be compiled again on every run. A cache from another Node.js version is
// rejected by V8 and the bundle simply compiles as usual.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'score-ts.cjs');
const cacheFile = path.join(__dirname, '..', 'dist', 'score-ts.cache');

function loadCli() {
  let source;
  try {
    source = fs.readFileSync(bundle, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    // A clone, or a git-URL install (npm runs no build for those), has no dist/ until it is built.
    process.stderr.write(`error: score-ts is not built (${path.relative(process.cwd(), bundle) || bundle} is missing): run \`npm ci && npm run build\` in ${path.resolve(__dirname, '..')}\n`);
    process.exit(1);
  }
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
  return {
    runCli: module.exports.runCli,
    /** Writes the code cache of everything compiled so far (the build calls it after a sample run). */
    saveCache: () => {
      fs.writeFileSync(cacheFile, script.createCachedData());
      module.exports.saveArtifactCodeCaches();
    },
  };
}

module.exports = { loadCli };
