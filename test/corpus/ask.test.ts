import { cpSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { NOTHING_FOUND, type AskData } from '../../src/core/commands/ask.js';
import type { Incoming } from '../../src/core/incoming.js';
import { checkSavedIndex } from '../../src/corpus/index-check.js';
import { openCorpus } from '../../src/corpus/open.js';
import { silentLogger } from '../../src/logging.js';
import { FakeClock } from '../fakes/clock.js';
import { cli } from '../fakes/run-cli.js';
import { tempDir } from '../fakes/temp-dir.js';

const indexData = fileURLToPath(new URL('../../index-data', import.meta.url));
const savedIndexIsFresh = (o: { corpusDir: string; indexDataDir: string; dataDir: string }) => checkSavedIndex(o).state === 'fresh';

function app(env: Record<string, string> = {}) {
  const a = buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: tempDir(), ...env }), { logger: silentLogger(), clock: new FakeClock('2026-11-23T09:00:00Z') });
  return a;
}
const from = (text: string, platform: Incoming['platform'] = 'slack'): Incoming => ({ platform, channel: 'slack:C1', user: 'slack:U1', text, isDirect: false });

describe('ask through the command registry', () => {
  it('answers free text with at most three quoted, cited passages, visible to the asker and shareable', async () => {
    const a = app();
    const r = await a.core.handle(from('How many journalists were killed in Mexico between 2000 and 2016?'));
    a.close();
    expect(r).toMatchObject({ visibility: 'asker', shareable: true, thread: true });
    const quotes = r.blocks.filter((b) => b.kind === 'quote');
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.length).toBeLessThanOrEqual(3);
    expect(quotes[0]).toMatchObject({
      text: 'Between 2000 and 2016, at least 120 journalists were killed mostly in the states of Veracruz, Oaxaca, Tamaulipas, Guerrero and Chihuahua.',
      citation: { doc: 'sr-hrd-2017-mexico-statement', date: '2017-01-24', where: '§ Human rights defenders at specific risk · ¶ 64' },
    });
  });

  it('gives the CLI contract in data: question, and up to five answers with exactly doc, title, date, page, where, passage, quote, score', async () => {
    const a = app();
    const r = await a.core.handle(from('ask What does the CED say about Mexico?'));
    a.close();
    const data = r.data as AskData;
    expect(Object.keys(data)).toEqual(['question', 'answers']);
    expect(data.question).toBe('What does the CED say about Mexico?');
    expect(data.answers.length).toBeGreaterThan(0);
    expect(data.answers.length).toBeLessThanOrEqual(5);
    for (const x of data.answers) {
      expect(Object.keys(x)).toEqual(['doc', 'title', 'date', 'page', 'where', 'passage', 'quote', 'score']);
      expect(x.date === null || /^\d{4}-\d{2}-\d{2}$/.test(x.date)).toBe(true);
    }
    const scores = data.answers.map((x) => x.score);
    expect(scores).toEqual([...scores].sort((p, q) => q - p));
    expect(data.answers[0]!.passage).toMatch(/^6\. \*I\(dh\)eas/);
    // the quote is the document's sentence; who asked it is in the passage, not in front of the quote
    expect(data.answers[0]!.quote).toMatch(/^According to the UN Committee on Enforced Disappearances, Mexico has received 399 urgent communications/);
  });

  it('says plainly that nothing was found, in one sentence, when nothing relevant is in the corpus', async () => {
    const a = app();
    const r = await a.core.handle(from('What is the best recipe for guacamole?'));
    a.close();
    expect(r.blocks).toHaveLength(1);
    expect(r.blocks[0]).toMatchObject({ kind: 'text', text: NOTHING_FOUND });
    expect(r.data).toEqual({ question: 'What is the best recipe for guacamole?', answers: [] });
  });

  it('answers "Who asked question 7?" with the organisation that asked it', async () => {
    const a = app();
    const r = await a.core.handle(from('pregunta Who asked question 7?'));
    a.close();
    // the ledger first (issue 17: it is a ledger question too), then the letter's own words
    expect(r.blocks.find((b) => b.kind === 'quote')).toMatchObject({ kind: 'quote', text: 'I(dh)eas, Litigio Estratégico en Derechos Humanos', citation: { where: '§ Questions posed specifically to Mexico · question 7' } });
  });

  it('quotes seed 002 without its glued footnote numbers', async () => {
    const a = app();
    const r = await a.core.handle(from('Which international human rights treaties did Mexico ratify?'));
    a.close();
    const texts = r.blocks.flatMap((b) => (b.kind === 'quote' ? [b.text] : []));
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).not.toMatch(/\p{L}\d+\.|[¹²³]|\u2029/u);
  });

  it('asks for a question when `ask` comes alone', async () => {
    const a = app();
    const r = await a.core.handle(from('ask'));
    a.close();
    expect(r.blocks[0]).toMatchObject({ kind: 'error' });
  });
});

describe('questions that try to break the search', () => {
  it('never throws on 10 000 adversarial strings, lunr query syntax included', () => {
    const corpus = openCorpus({ corpusDir: join(indexData, 'corpus'), indexDataDir: indexData, dataDir: tempDir(), logger: silentLogger() });
    const pieces = ['title:x', 'text:journalists', 'x~2', 'x^10', '+mexico', '-mexico', '*', 'jour*', ':', '^', '~', '+', '-', '"', '\\', '(', ')', '[', ']', '{', '}',
      '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '\u0000', '\u202e', '🏳️‍🌈', 'México', 'CED', 'UN', 'un', '¿', '?', 'question 7', 'pregunta 999',
      'periodistas', '2000', '1e309', 'x'.repeat(3000), '​', '\ufeff', 'ß', 'İ', 'ﬁ', '١٢٣', '漢字', 'the', 'and', 'de', 'la'];
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 10_000; i++) {
      const n = 1 + Math.floor(rnd() * 6);
      const parts = Array.from({ length: n }, () => (rnd() < 0.7 ? pieces[Math.floor(rnd() * pieces.length)]! : String.fromCodePoint(...Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => Math.floor(rnd() * 0x3000)))));
      const q = parts.join(rnd() < 0.7 ? ' ' : '');
      const answers = corpus.answer(q, 5);
      expect(answers.length).toBeLessThanOrEqual(5);
    }
  });
});

describe('the saved index', () => {
  it('is the library in the database: loaded as stored, and a file new in the corpus folder is read at the next start', async () => {
    const dataDir = tempDir();
    const corpusDir = join(tempDir(), 'corpus');
    cpSync(join(indexData, 'corpus'), corpusDir, { recursive: true });
    const open = () => openCorpus({ corpusDir, indexDataDir: indexData, dataDir, logger: silentLogger() });
    expect(savedIndexIsFresh({ corpusDir, indexDataDir: indexData, dataDir })).toBe(false);
    const first = open();
    expect(first.reindex).toBeDefined();
    expect((await first.reindex!()).rebuilt).toBe(true);
    const again = open();
    expect(again.answer('guacamole', 5)).toEqual([]);

    expect(savedIndexIsFresh({ corpusDir, indexDataDir: indexData, dataDir })).toBe(true);
    writeFileSync(join(corpusDir, 'coalition-notes.md'), '# Coalition notes\n\nThe coalition agreed that guacamole is served at every pledging event debrief in Geneva.\n');
    expect(savedIndexIsFresh({ corpusDir, indexDataDir: indexData, dataDir })).toBe(false);
    const reopened = open();
    expect(reopened.documents().map((d) => d.id)).toContain('coalition-notes');
    expect(reopened.answer('guacamole at the debrief', 5)[0]?.document.id).toBe('coalition-notes');
    // the process opened before the file came in sees it at its next question (the library's generation moved)
    expect(again.answer('guacamole at the debrief', 5)[0]?.document.id).toBe('coalition-notes');
  });

  it('a stored index that parses but is mangled is checked on load and rebuilt (issue 11 item 10)', () => {
    const dataDir = tempDir();
    const corpusDir = join(indexData, 'corpus');
    const open = () => openCorpus({ corpusDir, indexDataDir: indexData, dataDir, logger: silentLogger() });
    const question = 'How many journalists were killed in Mexico between 2000 and 2016?';
    const before = open().answer(question, 3);
    expect(before.length).toBeGreaterThan(0);
    const db = new Database(join(dataDir, 'pledgewatch.db'));
    db.prepare(`UPDATE library_passages SET terms = '{"tf":[],"len":"x"}' WHERE seq % 2 = 0`).run();
    db.prepare(`UPDATE library_passages SET terms = '[]' WHERE seq % 3 = 0`).run();
    db.prepare(`UPDATE library_passages SET data = '{"doc":"nobody"}' WHERE doc = 'ngo-2013-open-letter' AND seq = 1`).run();
    db.prepare(`DELETE FROM library_passages WHERE doc = 'ngo-2018-pompeo-letter' AND seq = 2`).run();
    db.close();
    expect(savedIndexIsFresh({ corpusDir, indexDataDir: indexData, dataDir })).toBe(false);
    const after = open();
    expect(after.answer(question, 3)).toEqual(before);
    expect(after.answer('standing invitation to the Special Procedures', 3)[0]?.document.id).toBe('ngo-2013-open-letter');
    expect(savedIndexIsFresh({ corpusDir, indexDataDir: indexData, dataDir })).toBe(true);
  });

  it('`npx pledgewatch index` rebuilds it and says what it indexed', async () => {
    const env = { PLEDGEWATCH_DATA_DIR: tempDir() };
    const r = await cli(['index'], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Indexed 5 documents, \d+ passages/);
    expect(r.out).toContain('sr-hrd-2017-mexico-statement');
    const json = await cli(['index', '--json'], env);
    expect(JSON.parse(json.out).documents).toHaveLength(5);
  });

  it('`index` is an operator command: not offered in chat', async () => {
    const a = app();
    expect(a.core.registry.find('index', 'slack')).toBeUndefined();
    a.close();
  });
});

describe('ask on the CLI', () => {
  it('reads one question per line on stdin and prints one JSON object per line', async () => {
    const r = await cli(['ask', '--json'], { PLEDGEWATCH_DATA_DIR: tempDir() }, 'Who asked question 7?\n\n¿Qué pidió el relator sobre el mecanismo de protección?\nWhat is the best recipe for guacamole?\n');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as AskData);
    expect(lines.map((l) => l.question)).toEqual(['Who asked question 7?', '¿Qué pidió el relator sobre el mecanismo de protección?', 'What is the best recipe for guacamole?']);
    expect(lines[0]!.answers[0]!.doc).toBe('ishr-2020-mexico-questions');
    expect(lines[1]!.answers.length).toBeGreaterThan(0);
    expect(lines[2]!.answers).toEqual([]);
  });

  it('takes a quoted question as one argument', async () => {
    const r = await cli(['ask', 'How many journalists were killed in Mexico between 2000 and 2016?', '--json'], { PLEDGEWATCH_DATA_DIR: tempDir() });
    const o = JSON.parse(r.out) as AskData;
    expect(o.question).toBe('How many journalists were killed in Mexico between 2000 and 2016?');
    expect(o.answers[0]!.quote).toContain('at least 120 journalists were killed');
  });
});
