/**
 * The ledger page's server: how long GET / takes for the seed ledger (Mexico, 54 questions, each with its
 * history), unfiltered and filtered, over real HTTP on loopback; and the size of the HTML. Prints figures only.
 * `npx tsx bench/page-bench.ts`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { silentLogger } from '../src/logging.js';

const dir = mkdtempSync(join(tmpdir(), 'pw-page-bench-'));
const config = loadConfig({ PLEDGEWATCH_DATA_DIR: dir, PLEDGEWATCH_PAGE_PORT: '0' });
const logger = silentLogger();
const app = buildApp(config, { logger });
const cli = (text: string) => app.core.handle({ platform: 'cli', channel: 'cli', user: 'cli:bench', text, isDirect: true });
await cli('answered Mexico 1-10 https://example.org/a');
await cli('partial Mexico 11,12 see the letter');
const server = await app.page!.start({ ledger: app.services.ledger, privacy: app.services.privacy!, timezone: config.timezone, logger });
const base = `http://127.0.0.1:${server.port}`;

const url = (await cli('page')).data as { url: string };
const landing = await fetch(url.url);
const body = await landing.text();
const field = (n: string) => new RegExp(`name="${n}" value="([^"]+)"`).exec(body)![1]!;
const csrf = landing.headers.getSetCookie()[0]!.split(';')[0]!;
const opened = await fetch(`${base}/open`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie: csrf }, body: new URLSearchParams({ token: field('token'), csrf: field('csrf') }).toString() });
const cookie = opened.headers.getSetCookie().find((c) => c.startsWith('pw_session='))!.split(';')[0]!;

async function measure(path: string, n = 40) {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await fetch(base + path, { headers: { cookie } });
    bytes = (await r.text()).length;
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1);
  console.log(`GET ${path.padEnd(40)} p50 ${p(0.5).padStart(6)} ms  p99 ${p(0.99).padStart(6)} ms  ${(bytes / 1024).toFixed(0)} KiB HTML`);
}
await measure('/');
await measure('/?state=MX&status=outstanding');
await measure('/?state=MX&letter=ngo-2013-open-letter');
await server.close();
app.close();
rmSync(dir, { recursive: true, force: true });
