// Loaded with `node --import` by the benchmark: records this process's peak memory when it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.SCORE_TS_BENCH_RSS) writeFileSync(process.env.SCORE_TS_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
