import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from '../fakes/run-cli.js';
import { freePort } from '../fakes/free-port.js';
import { tempDir } from '../fakes/temp-dir.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Exchanges a link over HTTP the way the landing page's form does, and returns the ledger page's HTML. */
async function openOverHttp(url: string): Promise<{ status: number; html: string }> {
  const landing = await fetch(url);
  const body = await landing.text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(body)?.[1] ?? '';
  const csrf = landing.headers.getSetCookie().find((c) => c.startsWith('pw_csrf='))!.split(';')[0]!;
  const base = new URL(url).origin;
  const opened = await fetch(`${base}/open`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie: csrf },
    body: new URLSearchParams({ token: field('token'), csrf: field('csrf') }).toString(),
  });
  const session = opened.headers.getSetCookie().find((c) => c.startsWith('pw_session='))?.split(';')[0] ?? '';
  const page = await fetch(`${base}/`, { headers: { cookie: session } });
  return { status: page.status, html: await page.text() };
}

describe('the page in the real bot process (src/main.ts)', () => {
  it('serves the page on its port; `page` in the console and `pledgewatch page --json` both give links it opens', async () => {
    const port = await freePort();
    const env = { PLEDGEWATCH_DATA_DIR: tempDir(), PLEDGEWATCH_PAGE_PORT: String(port), SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', MATRIX_ACCESS_TOKEN: '' };
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--console'], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stderr.on('data', (d) => (err += String(d)));
    const exited = new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));
    try {
      const link = await new Promise<string>((resolve, reject) => {
        p.stdout.on('data', (d) => {
          out += String(d);
          const m = /http:\/\/127\.0\.0\.1:\d+\/l\/[A-Za-z0-9_-]{43}/.exec(out);
          if (m) resolve(m[0]);
        });
        p.on('exit', (code) => reject(new Error(`exit ${code}: ${err.slice(-500)}`)));
        p.stdin.write('page\n');
      });
      expect(new URL(link).port).toBe(String(port));
      const fromConsole = await openOverHttp(link);
      expect(fromConsole.status).toBe(200);
      expect(fromConsole.html).toContain('36 questions: 0 answered, 0 partly answered, 0 declined, 36 outstanding');

      // The operator's CLI, another process on the same data dir: its link opens on the bot's server.
      const r = await cli(['page', '--json'], env);
      expect(r.code).toBe(0);
      const { url } = JSON.parse(r.out) as { url: string };
      expect(Object.keys(JSON.parse(r.out))).toEqual(['url']);
      expect((await openOverHttp(url)).status).toBe(200);
    } finally {
      p.stdin.end('quit\n');
    }
    expect(await exited).toBe(0);
  });
});
