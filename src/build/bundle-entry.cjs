'use strict';
// The bundle's entry (see the `bundle` script in package.json): the CLI, given what the build precompiled
// (src/base/precompiled.ts). The requires are static, so dist/generated/ is part of the one bundled file that
// bin/load-cli.cjs loads, and is covered by its code cache.
require('../../dist/base/precompiled.js').providePrecompiled(require('../../dist/generated/index.cjs'));
module.exports = require('../../dist/cli/main.js');
