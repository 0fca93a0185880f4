// The real `wres` command line in a child process, as `npx wres` runs it from a checkout:
//   node --import tsx test/reminders/wres-child.ts remind --now 2026-03-18T09:00:00Z
// Configuration comes from the environment the test gives the child.
import { main } from '../../bot/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2), { ...process.env });
