#!/usr/bin/env node
import { runCli } from './cli/program.js';

// A long-running command (serve, demo) keeps the event loop alive; the rest exit with their code.
runCli(process.argv).then((code) => {
  process.exitCode = code;
}, (err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});
