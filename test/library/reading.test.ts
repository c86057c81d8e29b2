import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { Tokenizer } from '../../src/corpus/term-index.js';
import { cutPassages, READING } from '../../src/library/cut.js';
import { silentLogger } from '../../src/logging.js';
import { loadLibrary } from '../corpus/heldout/quality.js';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';

/**
 * The cut of the test library (the seeds and the real UN documents of the quality sets) under each reading. When
 * this test fails, the splitter, the tokenizer or the fields now read documents differently: give READING in
 * src/library/cut.ts a new value and pin the new hash under it here, so that libraries already stored are cut again.
 */
const CUT_OF_READING: Record<string, string> = {
  '2026-12-02': '6af3c55fa7b1c4ef6d785b472be4ebbcf68f36f6846035303e87c57e2ccc094e',
  // a letter's short date line at its head kept (not ranked) to answer when it was sent
  '2026-12-02.2': '80e852b674f355896fa9c3d17cdb994ac4845cd9fd91a2b9fd9e2e9b4e210519',
};

function hashOfCut(): string {
  const tokenizer = new Tokenizer();
  const hash = createHash('sha256');
  for (const doc of loadLibrary().docs) for (const { passage, terms } of cutPassages(doc, null, tokenizer)) hash.update(JSON.stringify([passage, terms]));
  return hash.digest('hex');
}

const start = (dataDir: string) => buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: dataDir }), { logger: silentLogger(), clock: new FakeClock('2026-12-02T09:00:00Z') });
const LETTER = 'ngo-2013-open-letter';

describe('documents a library already holds, after an upgrade that reads documents differently', () => {
  it('READING names the way the test library is cut today', () => {
    expect(hashOfCut(), 'documents are cut differently now: give READING in src/library/cut.ts a new value and pin this hash under it').toBe(CUT_OF_READING[READING]);
  });

  it('are cut again at the next start, and answer as freshly added ones do; a current library is left as it is', async () => {
    const dataDir = tempDir();
    let bot = start(dataDir);
    await bot.ready;
    expect(bot.kv.get('library:reading')).toBe(READING);
    const cut = bot.stores.library.passagesOf(LETTER);
    const question = 'standing invitation to the Special Procedures';
    expect(bot.services.corpus.answer(question, 3).map((a) => a.document.id)).toContain(LETTER);

    // what an older reading left: the letter in one passage (its first), noted as cut by another reading
    const first = cut[0]!;
    const older = () => bot.stores.library.repair(LETTER, [{ passage: JSON.parse(first.data), terms: JSON.parse(first.terms) }]);
    older();
    bot.close();

    // the reading is current: the stored passages are what the library answers from, untouched
    bot = start(dataDir);
    await bot.ready;
    expect(bot.stores.library.passagesOf(LETTER)).toHaveLength(1);
    expect(bot.services.corpus.answer(question, 3).map((a) => a.document.id)).not.toContain(LETTER);
    bot.kv.set('library:reading', 'an-older-reading');
    bot.close();

    // another reading: every document is cut again from its stored text
    bot = start(dataDir);
    await bot.ready;
    expect(bot.stores.library.passagesOf(LETTER).map((r) => r.data)).toEqual(cut.map((r) => r.data));
    expect(bot.services.corpus.answer(question, 3).map((a) => a.document.id)).toContain(LETTER);
    expect(bot.kv.get('library:reading')).toBe(READING);
    bot.close();
  });
});
