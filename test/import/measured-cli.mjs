// Runs the `wres` command line in this process (as bin/wres.mjs does) and, at the end, reports the
// process's peak resident memory on stderr as `PEAK_RSS_KB=…`: for tests that bound an import's memory.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../../bot/src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
process.stderr.write(`PEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`);
