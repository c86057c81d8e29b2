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

describe('talking to the console chat as a coordinator does (issue 17)', () => {
  it('answers ledger questions in plain English and Spanish from the ledger, greetings with help, typos with a suggestion', async () => {
    const out = await consoleChat(tempDir(), [
      'hola',
      'which questions has Mexico not answered yet?',
      '¿Qué le falta responder a México?',
      'When does Mexico have to reply?',
      'answerd Mexico 3',
      'draft Mexico --lang es',
    ]);
    expect(out).toMatch(/pendientes \[Estado\]/); // "hola": the help, in Spanish
    expect(out).toMatch(/`outstanding Mexico` does the same/);
    expect(out).toMatch(/`pendientes Mexico` hace lo mismo/);
    expect(out).toMatch(/`deadlines` does the same/);
    expect(out).toMatch(/did you mean `answered`\?/);
    expect(out).toMatch(/Excelencia:/);
    expect(out).not.toMatch(/I found nothing/);
  });
});
