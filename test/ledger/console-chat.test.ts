import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../fakes/temp-dir.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Types lines into the real console chat (src/main.ts, as `npm start` runs it) and returns what it printed. */
function consoleChat(dataDir: string, lines: string[]): Promise<string> {
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

describe('the ledger in the console chat', () => {
  it('records an answer typed in one session and shows it in the next', async () => {
    const dir = tempDir();
    const first = await consoleChat(dir, ['answered México 5 https://example.org/reply']);
    expect(first).toMatch(/Mexico, ishr-2020-mexico-questions: question 5 recorded as answered\. 35 of 36 still outstanding\./);
    const second = await consoleChat(dir, ['outstanding Mexico', 'question mx 5']);
    expect(second).toMatch(/35 of 36 outstanding/);
    expect(second).toMatch(/answered: https:\/\/example\.org\/reply/);
    expect(second).toMatch(/by console:you/);
  });
});
