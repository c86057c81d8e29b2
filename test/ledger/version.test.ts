import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedLetter } from '../../src/ledger/extract.js';
import { ledgerMigrations, SqliteLedgerStore } from '../../src/ledger/store.js';
import { openDatabase } from '../../src/storage/database.js';
import { tempDir } from '../fakes/temp-dir.js';

const letter: ExtractedLetter = {
  letter: 'L1',
  title: 'Questions to Mexico',
  date: '2026-01-01',
  sender: 'ISHR',
  states: ['mx'],
  deadline: '2026-12-01',
  deadlineText: 'by 1 December 2026',
  questions: [1, 2, 3].map((n) => ({ label: String(n), ordinal: n, text: `Question ${n}?`, askedBy: ['Article 19'], scope: 'state' as const, duringEvent: false, section: null })),
};

describe('the ledger version', () => {
  it('moves with every write that can change a deadline or what is outstanding, seen from another connection, and not with reads', () => {
    const file = join(tempDir(), 'pledgewatch.db');
    const writer = new SqliteLedgerStore(openDatabase(file, ledgerMigrations));
    const reader = new SqliteLedgerStore(openDatabase(file, ledgerMigrations));
    writer.saveStates([{ id: 'mx', name: 'Mexico', aliases: [] }], (s) => s);
    const seen = [reader.version()];
    const after = (write: () => void) => {
      write();
      seen.push(reader.version());
    };
    after(() => writer.saveLetter(letter, 'Europe/Zurich', 'test', '2026-01-02T00:00:00Z'));
    after(() => writer.recordResponses({ letter: 'L1', stateId: 'mx', labels: ['2'], status: 'answered', note: null, actor: 'test', at: '2026-01-03T00:00:00Z' }));
    after(() => writer.setDeadline({ letter: 'L1', stateId: 'mx', deadline: '2026-12-08', timezone: 'Europe/Zurich', actor: 'test', at: '2026-01-04T00:00:00Z' }));
    after(() => void [writer.letters(), writer.letterStates(), writer.questions('L1'), writer.responses('L1', 'mx'), writer.history('L1', 'mx', '2')]);
    expect(seen.slice(1, 4).every((v, i) => v > seen[i]!)).toBe(true);
    expect(seen[4]).toBe(seen[3]);
  });
});
