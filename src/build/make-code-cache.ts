/**
 * `npm run build` runs this last: a sample generate (a workload with files, probes, postgres and redis)
 * through the bundle, then V8's code cache of what it compiled is saved beside the bundle (bin/load-cli.cjs).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { packagePath } from '../base/package-path.js';

const SAMPLE = `apiVersion: score.dev/v1b1
metadata:
  name: sample
containers:
  app:
    image: nginx
    variables:
      DB_URL: \${resources.db.url}
      CACHE: \${resources.cache.host}
    files:
      /etc/app.conf:
        content: "db = \${resources.db.host}"
    readinessProbe:
      httpGet: {path: /ready, port: 8080}
service:
  ports:
    http: {port: 80, targetPort: 8080}
resources:
  db:
    type: postgres
  cache:
    type: redis
`;

const require = createRequire(import.meta.url);
const { loadCli } = require(packagePath('bin', 'load-cli.cjs')) as { loadCli(): { runCli(argv: string[], io: object): Promise<number>; saveCache(): void } };
const cli = loadCli();
const dir = mkdtempSync(path.join(os.tmpdir(), 'score-ts-build-'));
writeFileSync(path.join(dir, 'score.yaml'), SAMPLE);
const io = { cwd: dir, env: { SCORE_TS_SEED: 'build' }, stdout: () => {}, stderr: () => {}, stderrIsTTY: false };
const code = await cli.runCli(['-q', 'generate', 'score.yaml', '-o', '-'], io);
rmSync(dir, { recursive: true, force: true });
if (code !== 0) throw new Error(`the sample generate failed (exit ${code})`);
cli.saveCache();
