/**
 * `npm run build` runs this last, on the bundle esbuild wrote (dist/score-ts.cjs), for bin/load-cli.cjs:
 * - the bundle becomes ASCII: esbuild escapes strings and names but copies comments as they are, and one
 *   non-ASCII character makes V8 decode the whole file as UTF-8 into a two-byte string on every run (several
 *   milliseconds); in a comment an escape is as good;
 * - its first line names the build (a hash of the rest), which the per-Node-version code caches are keyed by:
 *   V8 itself compares only a cache's source length.
 * Run as a script: node dist/build/finish-bundle.js
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { packagePath } from '../base/package-path.js';

const file = packagePath('dist', 'score-ts.cjs');
const ascii = readFileSync(file, 'utf8').replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const id = createHash('sha256').update(ascii).digest('hex').slice(0, 32);
writeFileSync(file, `// score-ts build ${id}\n${ascii}`);
