'use strict';
// A floor for the one-workload run: the least any generate does, read one Score file and write YAML, with the
// YAML library score-ts uses (js-yaml), and nothing else. The bench times it beside `node -e 0` under each Node
// version, so the table shows how much of a one-workload target this alone takes. Node.js 22 and later keep a
// compile cache for it (third argument), as score-ts keeps a V8 code cache.
const module_ = require('node:module');
const fs = require('node:fs');
const [input, output, cacheDir] = process.argv.slice(2);
if (cacheDir && module_.enableCompileCache) module_.enableCompileCache(cacheDir);
const yaml = require('js-yaml');
fs.writeFileSync(output, yaml.dump(yaml.load(fs.readFileSync(input, 'utf8'))));
