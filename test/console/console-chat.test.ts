import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../fakes/temp-dir.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Starts `npx tsx src/main.ts` as a person would (`npm start`), with no Slack or Matrix settings. */
function startConsole(dataDir: string) {
  const env: Record<string, string | undefined> = { ...process.env, PLEDGEWATCH_DATA_DIR: dataDir };
  for (const k of Object.keys(env)) if (/^(SLACK|MATRIX)_/.test(k)) delete env[k];
  const child = spawn('npx', ['--no-install', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (d) => {
    out += String(d);
    for (const w of waiters.splice(0)) (out.includes(w.text) ? w.resolve : () => waiters.push(w))();
  });
  child.stderr.on('data', (d) => (err += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    errors: () => err,
    exited,
    /** resolves when the console has printed `text` (the test's timeout is the only clock) */
    waitFor: (text: string) => new Promise<void>((resolve, reject) => {
      if (out.includes(text)) return resolve();
      waiters.push({ text, resolve });
      void exited.then((code) => reject(new Error(`the console exited (${code}) before printing "${text}": ${err.slice(-400)}`)));
    }),
    type: (line: string) => child.stdin.write(line + '\n'),
  };
}

describe('the console chat as a real process (npm start with no Slack or Matrix settings)', () => {
  it('answers a typed question with a quoted, cited passage, and exits 0 on quit', async () => {
    const c = startConsole(tempDir());
    await c.waitFor('type `help`');
    c.type('¿Cuántos periodistas fueron asesinados en México entre 2000 y 2016?');
    await c.waitFor('— End of mission statement');
    const answer = c.output();
    expect(answer).toContain('“Between 2000 and 2016, at least 120 journalists were killed mostly in the states of Veracruz, Oaxaca, Tamaulipas, Guerrero and Chihuahua.”');
    expect(answer).toContain('End of mission statement: UN Special Rapporteur on human rights defenders, visit to Mexico · 2017-01-24 · § Human rights defenders at specific risk · ¶ 64');

    c.type('What is the best recipe for guacamole?');
    await c.waitFor('I found nothing about that');
    c.type('quit');
    expect(await c.exited).toBe(0);
    expect(c.output()).toContain('Goodbye.');
  });

  it('leaves on Ctrl-D (end of input) too', async () => {
    const c = startConsole(tempDir());
    await c.waitFor('type `help`');
    c.type('help');
    await c.waitFor('ask <question>');
    c.child.stdin.end();
    expect(await c.exited).toBe(0);
  });
});
