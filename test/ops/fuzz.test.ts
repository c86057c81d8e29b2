import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Incoming } from '../../src/core/incoming.js';
import type { Reply } from '../../src/kernel/reply.js';
import { silentLogger } from '../../src/logging.js';
import { FakeClock } from '../fakes/clock.js';
import { seededRandom } from '../fakes/random.js';
import { tempDir } from '../fakes/temp-dir.js';

const NASTY = [
  '', ' ', '\u0000', '\u0007\u001b[2J', '\u202e', '\ufeff', '🏳️‍🌈', 'México', 'MÉXICO', 'mx', 'Mexico<!channel>', '<@U123>', '<http://evil|click>',
  '@room', '<b>x</b>', '"', '“', "'", '--letter', '--letter=', '--yes', '--json', '-', '--', '*', '~', '^', ':', '+', 'title:x', 'x~2', 'x^10',
  '1-999999999', '999999999999999999999', '-1', '0', '5,7,9', '19-36', '36-19', '1..5', '2.4', 'NaN', 'Infinity', '1e309', '0x10', '٣',
  '2020-02-30', '2020-13-01', '9999-12-31', '0000-00-00', '2026-11-23', 'null', 'undefined', '{}', '[]', "'; DROP TABLE questions; --",
  '../../etc/passwd', '/dev/zero', '%s%s%s', '${process.exit()}', '__proto__', 'constructor', 'x'.repeat(5000),
];

function fuzzLine(rnd: () => number, words: string[]): string {
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const n = 1 + Math.floor(rnd() * 6);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.35) parts.push(pick(words));
    else if (r < 0.75) parts.push(pick(NASTY));
    else parts.push(String.fromCodePoint(...Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => Math.floor(rnd() * 0x2fff))));
  }
  return parts.join(rnd() < 0.8 ? ' ' : '');
}

/** Every table's rows, except derived bookkeeping (adapters' dedupe records, the reminder planner's cache), as one comparable string. */
function snapshot(file: string): string {
  const db = new Database(file, { readonly: true });
  // Left out: bookkeeping that is not the coalition's data — delivery records, key-value entries, the reminder
  // planner's marks of what it planned from (derived, rebuilt from the ledger), and page links any member may ask for.
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('delivery_log', 'key_value', 'reminder_state', 'reminder_plan', 'page_links', 'page_sessions') ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const dump = tables.map((t) => `${t}:${JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())}`).join('\n');
  db.close();
  return dump;
}

const isReply = (r: Reply) => Array.isArray(r.blocks) && r.blocks.length > 0 && (r.visibility === 'asker' || r.visibility === 'channel' || r.visibility === 'private');

describe('10 000 random and adversarial command strings', () => {
  it('never crash or hang, always answer, and change nothing for a member', async () => {
    const dir = tempDir();
    const config = loadConfig({ PLEDGEWATCH_DATA_DIR: dir, PLEDGEWATCH_RATE_LIMIT_PER_MINUTE: '1000000', PLEDGEWATCH_MAX_INPUT_CHARS: '4000' });
    const app = buildApp(config, { logger: silentLogger(), clock: new FakeClock('2020-10-01T12:00:00Z') });
    const names = app.core.registry.commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    const words = [...names, ...names, 'Mexico', 'Brazil', 'all', 'csv', 'json', '5', '19-36', 'confirm', 'journalists', 'tortura', '¿Qué?'];
    const before = snapshot(join(dir, 'pledgewatch.db'));
    const rnd = seededRandom(20261123);
    const member = (text: string): Incoming => ({ platform: 'slack', channel: 'slack:CFUZZ', user: 'slack:UMEMBER', text, isDirect: false });
    for (let i = 0; i < 10_000; i++) {
      const line = i % 2 ? fuzzLine(rnd, words) : `${names[i % names.length]} ${fuzzLine(rnd, words)}`;
      const reply = await app.core.handle(member(line));
      if (!isReply(reply)) throw new Error(`case ${i} gave no reply`);
      const shown = JSON.stringify(reply.blocks);
      if (/Something went wrong/.test(shown)) throw new Error(`case ${i} hit a bug: ${JSON.stringify(line).slice(0, 200)}`);
    }
    const after = snapshot(join(dir, 'pledgewatch.db'));
    const changed = after.split('\n').filter((line) => !before.split('\n').includes(line)).map((l) => l.slice(0, 600));
    expect(changed).toEqual([]);
    app.close();
  });

  it('never crash for a coordinator either, and leave a sound database', async () => {
    const dir = tempDir();
    const config = loadConfig({ PLEDGEWATCH_DATA_DIR: dir, PLEDGEWATCH_RATE_LIMIT_PER_MINUTE: '1000000', PLEDGEWATCH_COORDINATORS: 'slack:UCOORD' });
    const app = buildApp(config, { logger: silentLogger(), clock: new FakeClock('2020-10-01T12:00:00Z') });
    const names = app.core.registry.commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    const words = [...names, 'Mexico', 'México', 'MX', 'all', '5', '19-36', '2.4', '--letter', 'ishr-2020-mexico-questions', '2020-10-09', 'confirm', '--yes'];
    const rnd = seededRandom(7);
    for (let i = 0; i < 3_000; i++) {
      const line = `${names[i % names.length]} ${fuzzLine(rnd, words)}`;
      const reply = await app.core.handle({ platform: 'slack', channel: 'slack:CFUZZ', user: 'slack:UCOORD', text: line, isDirect: false });
      if (!isReply(reply)) throw new Error(`case ${i} gave no reply`);
      if (/Something went wrong/.test(JSON.stringify(reply.blocks))) throw new Error(`case ${i} hit a bug: ${JSON.stringify(line).slice(0, 200)}`);
    }
    expect(app.db!.pragma('integrity_check', { simple: true })).toBe('ok');
    app.close();
  });
});
