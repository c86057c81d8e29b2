import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli.js';

/** Runs the CLI in this process with string streams: what a script would see, without a child process. */
export async function cli(args: string[], env: Record<string, string | undefined>, stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  const input = Object.assign(Readable.from(stdin ? [stdin] : []), { isTTY: false });
  const code = await runCli(args, env, { stdin: input, stdout, stderr });
  return { code, out, err };
}
