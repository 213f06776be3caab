import { runLoadChild } from './load-client.js';
import { runSseChild } from './sse-clients.js';
import { runGetLoadChild } from './get-load.js';

// The entry of a benchmark's child process (bench/bench-child.ts starts it): the role is the first argument.
const role = process.argv[2];
// The parent closes the channel when it is done with this process, or when it gave up on it.
process.on('disconnect', () => process.exit(0));
if (role === 'load') await runLoadChild();
else if (role === 'sse') runSseChild();
else if (role === 'get') await runGetLoadChild();
else {
  process.stderr.write(`bench child: unknown role ${role ?? '(none)'}\n`);
  process.exitCode = 2;
}
