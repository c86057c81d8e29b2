import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Reply } from '../../src/kernel/reply.js';
import { silentLogger } from '../../src/logging.js';
import { FakeClock } from '../fakes/clock.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const COORDINATOR = 'slack:UCOORD';
const MEMBER = 'slack:UMEMBER';

const dir = mkdtempSync(join(tmpdir(), 'pw-export-'));
const app = buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: dir, PLEDGEWATCH_COORDINATORS: COORDINATOR }), { logger: silentLogger(), clock: new FakeClock('2020-10-01T12:00:00Z') });
afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});
const say = (text: string, user = COORDINATOR) => app.core.handle({ platform: 'slack', channel: 'slack:C1', user, text, isDirect: false });
const fileOf = (r: Reply) => (r.blocks.find((b) => b.kind === 'file') as { content: string }).content;

// OWASP "CSV Injection": a cell starting with = + - @ tab or CR is run as a formula by spreadsheets.
const LEADS: Array<[string, string, string]> = [
  ['=', '1', '=HYPERLINK(A1)'],
  ['+', '2', '+1+cmd|/C calc!A0'],
  ['-', '3', '-2+3+cmd|/C calc!A0'],
  ['@', '4', '@SUM(1+1)'],
  // a chat note is trimmed, so a leading tab or CR can only come from elsewhere (another client of the ledger)
  ['tab', '6', '\t=1+1'],
  ['CR', '7', '\r=1+1'],
];

describe('export csv and formula injection', () => {
  it.each(LEADS)('prefixes a note starting with %s with a quote; the JSON export keeps it exactly', async (lead, number, note) => {
    if (lead === 'tab' || lead === 'CR') {
      app.services.ledger.record({ stateId: 'MX', numbers: number, status: 'answered', note, actor: COORDINATOR });
    } else {
      const recorded = await say(`answered Mexico ${number} ${note}`);
      expect((recorded.data as { note: string }).note).toBe(note);
    }

    const csv = fileOf(await say('export Mexico csv', MEMBER));
    const row = csv.slice(csv.indexOf(`\nMexico,ishr-2020-mexico-questions,${number},`) + 1);
    const cell = row.slice(row.indexOf(',answered,') + ',answered,'.length);
    // CSV-quoted when the cell holds a CR; either way its first character is the quote, not the formula
    expect(cell.startsWith(`'${note},`) || cell.startsWith(`"'${note}",`)).toBe(true);

    const json = await say('export Mexico json', MEMBER);
    const rows = JSON.parse(fileOf(json)) as Array<{ letter: string; number: string; note: string }>;
    const mine = (r: { letter: string; number: string }) => r.letter === 'ishr-2020-mexico-questions' && r.number === number;
    expect(rows.find(mine)!.note).toBe(note);
    expect((json.data as { rows: Array<{ letter: string; number: string; note: string }> }).rows.find(mine)!.note).toBe(note);
  });

  it('leaves ordinary cells as they were', async () => {
    await say('answered Mexico 5 https://example.org/reply');
    const csv = fileOf(await say('export Mexico csv', MEMBER));
    expect(csv).toMatch(/\nMexico,ishr-2020-mexico-questions,5,Questions posed specifically to Mexico,state,.*,answered,https:\/\/example\.org\/reply,slack:UCOORD,/);
  });
});
