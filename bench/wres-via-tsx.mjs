// The `wres` entry as it was before it ran from dist/: the TypeScript sources through tsx.
// Kept only as the reference for bench/cli-start.bench.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bot/src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
