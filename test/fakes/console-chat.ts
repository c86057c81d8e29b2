import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createConsoleAdapter } from '../../adapters/console/console-adapter.js';
import type { Core } from '../../src/core/core.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Types lines into the real console chat (src/main.ts, as `npm start` runs it) and returns what it printed. */
export function consoleChat(dataDir: string, lines: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, PLEDGEWATCH_DATA_DIR: dataDir, PLEDGEWATCH_LOG_LEVEL: 'warn', SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', MATRIX_ACCESS_TOKEN: '' };
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--console'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += String(d)));
    p.stderr.on('data', (d) => (err += String(d)));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err.slice(-500)}`))));
    p.stdin.end([...lines, 'quit', ''].join('\n'));
  });
}

/**
 * The console adapter in this process over an app's core, on streams: `say` types a line and waits until the
 * printed text holds `expected`, `type` until the next prompt; `printed()` is all it printed so far.
 */
export async function consoleInProcess(core: Core): Promise<{
  say: (line: string, expected: string) => Promise<void>;
  /** types a line and waits for the next prompt */
  type: (line: string) => Promise<void>;
  printed: () => string;
  /** the adapter's sender, for a reminder loop to post through */
  sender: ReturnType<typeof createConsoleAdapter>['sender'];
  stop: () => Promise<void>;
}> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d) => (printed += String(d)));
  const adapter = createConsoleAdapter({ core, input, output });
  await adapter.start();
  const said = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => (printed.includes(text) ? resolve() : output.once('data', () => setImmediate(check)));
      check();
    });
  return {
    say: (line, expected) => {
      input.write(`${line}\n`);
      return said(expected);
    },
    type: (line) => {
      const before = printed.length;
      input.write(`${line}\n`);
      return new Promise<void>((resolve) => {
        const check = () => (printed.slice(before).includes('pledgewatch›') ? resolve() : output.once('data', () => setImmediate(check)));
        check();
      });
    },
    printed: () => printed,
    sender: adapter.sender,
    stop: () => adapter.stop(),
  };
}
