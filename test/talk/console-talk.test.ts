import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { consoleChat } from '../fakes/console-chat.js';
import { tempDir } from '../fakes/temp-dir.js';
import { cli } from '../fakes/run-cli.js';
import { LEDGER_QUESTIONS } from './conversation.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

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

/** Runs the console chat until `until` appears on its terminal (a reminder posted by its loop), then quits. */
function consoleUntil(env: Record<string, string>, until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--console'], { cwd: root, env: { ...process.env, PLEDGEWATCH_LOG_LEVEL: 'warn', SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', MATRIX_ACCESS_TOKEN: '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let quitting = false;
    p.stdout.on('data', (d) => {
      out += String(d);
      if (!quitting && until.test(out)) {
        quitting = true;
        p.stdin.end('quit\n');
      }
    });
    p.stderr.on('data', (d) => (err += String(d)));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err.slice(-500)}`))));
  });
}

describe('the console chat in both languages, as a real process (issue 17, done when)', () => {
  it('answers the ledger questions and their Spanish twins from the ledger; a Spanish channel gets Spanish help, errors and drafts', async () => {
    const out = await consoleChat(tempDir(), [
      ...LEDGER_QUESTIONS.flatMap((q) => [q.en, q.es]),
      'language es',
      'help',
      'outstanding Narnia',
      'draft Mexico',
      'language en',
      'draft Mexico',
    ]);
    for (const q of LEDGER_QUESTIONS) {
      expect(out, q.en).toContain(`\`${q.command}\` does the same`);
      expect(out, q.es).toContain(`\`${q.es_command}\` hace lo mismo`);
    }
    expect(out).toMatch(/pendientes \[Estado\]/);
    expect(out).toMatch(/No conozco ningún Estado llamado «Narnia»/);
    expect(out).toMatch(/Excelencia:[\s\S]*siguen sin respuesta[\s\S]*Your Excellency,/);
    expect(out).not.toMatch(/I found nothing|No encontré nada/);
  }, 120_000);

  it('posts a reminder in Spanish in a channel set to Spanish', async () => {
    const dataDir = tempDir();
    const due = new Date(Date.now() - 60_000);
    const env = { PLEDGEWATCH_DATA_DIR: dataDir, PLEDGEWATCH_TIMEZONE: 'UTC', PLEDGEWATCH_REMINDER_TIME: due.toISOString().slice(11, 16), PLEDGEWATCH_REMINDER_DAYS: '0' };
    expect((await cli(['deadline', 'Mexico', 'ishr-2020-mexico-questions', due.toISOString().slice(0, 10)], env)).code).toBe(0);
    expect((await cli(['language', 'es', '--channel', 'console'], env)).code).toBe(0);
    expect((await cli(['subscribe', 'Mexico', '--channel', 'console'], env)).code).toBe(0);
    // the channel subscribed an hour ago (a reminder due before a channel subscribes is never planned)
    const db = new Database(join(dataDir, 'pledgewatch.db'));
    db.prepare('UPDATE reminder_subscriptions SET created_at = created_at - 3600000').run();
    db.close();
    const out = await consoleUntil(env, /Recordatorio: Mexico debe respuestas/);
    expect(out).toMatch(/Plazo: \d{1,2} de \w+ de \d{4} \(hoy\)/);
    expect(out).toMatch(/Preguntas pendientes, según quién las formuló:/);
  }, 120_000);
});
