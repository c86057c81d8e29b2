#!/usr/bin/env node
// `npx pledgewatch …`: runs the TypeScript CLI through tsx's loader, in this process.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv.slice(2), process.env, {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
