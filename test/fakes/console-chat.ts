import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
