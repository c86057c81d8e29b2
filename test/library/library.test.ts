import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { checkSavedIndex } from '../../src/corpus/index-check.js';
import type { Incoming } from '../../src/core/incoming.js';
import { renderPlain } from '../../src/kernel/reply.js';
import { silentLogger } from '../../src/logging.js';
import { FakeClock } from '../fakes/clock.js';
import { cli } from '../fakes/run-cli.js';
import { tempDir } from '../fakes/temp-dir.js';
import { encryptedPdf, questionsDocx, reportPdf, scannedPdf, zipBombDocx } from './fixtures.js';

const indexData = join(import.meta.dirname, '..', '..', 'index-data');
const real = join(import.meta.dirname, 'fixtures', 'real');

function files(): string {
  return tempDir('pw-files-');
}
const write = (dir: string, name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const jsonLines = (out: string) => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const from = (text: string, user = 'slack:UMEMBER'): Incoming => ({ platform: 'slack', channel: 'slack:C1', user, text, isDirect: false });

/** Every file the library holds, under the data dir (what "changes nothing" is checked against). */
function stored(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'library'), { recursive: true }).map(String).sort();
  } catch {
    return [];
  }
}

describe('npx pledgewatch add', () => {
  it('prints one object per file, and documents --json lists them beside the seeds', async () => {
    const env = { PLEDGEWATCH_DATA_DIR: tempDir() };
    const dir = files();
    const pdf = write(dir, 'report.pdf', await reportPdf());
    const docx = write(dir, 'questions.docx', await questionsDocx());
    const r = await cli(['add', pdf, docx, '--json'], env);
    expect(r.code).toBe(0);
    const rows = jsonLines(r.out);
    expect(rows).toEqual([
      { file: pdf, doc: 'a-hrc-99-12', title: 'Report of the Special Rapporteur on human rights defenders: Testland', kind: 'report', format: 'pdf', pages: 3, passages: expect.any(Number), error: null },
      { file: docx, doc: 'questions', title: 'Questions to Testland ahead of the 2026 elections', kind: 'questions', format: 'docx', pages: null, passages: expect.any(Number), error: null },
    ]);
    for (const row of rows) expect(Object.keys(row)).toEqual(['file', 'doc', 'title', 'kind', 'format', 'pages', 'passages', 'error']);
    const docs = JSON.parse((await cli(['documents', '--json'], env)).out) as { documents: Record<string, unknown>[] };
    expect(docs.documents).toHaveLength(7);
    expect(docs.documents.at(-1)).toEqual({ doc: 'questions', title: 'Questions to Testland ahead of the 2026 elections', kind: 'questions', format: 'docx', date: '2026-12-01', pages: null, passages: rows[1]!.passages });
    for (const d of docs.documents) expect(Object.keys(d)).toEqual(['doc', 'title', 'kind', 'format', 'date', 'pages', 'passages']);
    const ask = JSON.parse((await cli(['ask', 'Were journalists covering corruption under surveillance?', '--json'], env)).out);
    expect(ask.answers[0]).toMatchObject({ doc: 'a-hrc-99-12', page: 2 });
    expect((await cli(['ask', 'Were journalists covering corruption under surveillance?'], env)).out).toContain('— A/HRC/99/12 · p. 2 · ¶ 6');
  });

  it('refuses every bad file with one sentence and leaves the library as it was', async () => {
    const dataDir = tempDir();
    const env = { PLEDGEWATCH_DATA_DIR: dataDir, PLEDGEWATCH_MAX_FILE_MB: '0.05' };
    const dir = files();
    const first = write(dir, 'questions.docx', await questionsDocx());
    expect((await cli(['add', first], env)).code).toBe(0);
    const before = { docs: (await cli(['documents', '--json'], env)).out, files: stored(dataDir) };
    const cases: [string, Uint8Array | string, RegExp][] = [
      ['scan.pdf', await scannedPdf(), /^scan\.pdf has no text in it; OCR is not supported\.$/],
      ['locked.pdf', encryptedPdf(), /^locked\.pdf is encrypted \(it needs a password to open\)\.$/],
      ['broken.pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog', /^broken\.pdf is not a PDF I can read/],
      ['broken.docx', 'PK\u0003\u0004 not really a zip', /^broken\.docx is not a Word file I can read/],
      ['bomb.docx', await zipBombDocx(), /^bomb\.docx unpacks to more than \d+ MB, which no real document does; I did not read it\.$/],
      ['big.txt', 'x '.repeat(40_000), /^big\.txt is 0\.1 MB; the library takes files up to 0(\.1)? MB\.$/],
      ['sheet.xlsx', 'PK', /^sheet\.xlsx is not a type I can read \(\.xlsx files\)\.$/],
    ];
    const duplicate = write(dir, 'again.docx', readFileSync(first));
    for (const [name, bytes, sentence] of cases) {
      const path = write(dir, name, bytes);
      const r = await cli(['add', path, '--json'], env);
      expect(r.code, name).toBe(1);
      const [o] = jsonLines(r.out);
      expect(o, name).toMatchObject({ file: path, doc: null, passages: 0 });
      expect(String(o!.error), name).toMatch(sentence);
    }
    const dup = jsonLines((await cli(['add', duplicate, '--json'], env)).out)[0]!;
    expect(dup.error).toBe('again.docx is already in the library as questions.');
    expect((await cli(['documents', '--json'], env)).out).toBe(before.docs);
    expect(stored(dataDir)).toEqual(before.files);
  });

  it('keeps the original file, content-addressed, in the data dir', async () => {
    const dataDir = tempDir();
    const bytes = await reportPdf();
    const path = write(files(), 'report.pdf', bytes);
    await cli(['add', path], { PLEDGEWATCH_DATA_DIR: dataDir });
    const hash = createHash('sha256').update(bytes).digest('hex');
    expect(readFileSync(join(dataDir, 'library', hash.slice(0, 2), hash))).toEqual(Buffer.from(bytes));
  });
});

describe('the running bot and the library', () => {
  it('answers from a document added by the CLI without a restart (another connection to the database)', async () => {
    const dataDir = tempDir();
    const bot = buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: dataDir }), { logger: silentLogger(), clock: new FakeClock('2026-12-01T09:00:00Z') });
    await bot.ready;
    const question = 'Should Testland adopt the law on defenders without delay?';
    expect(renderPlain(await bot.core.handle(from(question)))).not.toContain('A/HRC/99/12');
    const path = write(files(), 'report.pdf', await reportPdf());
    expect((await cli(['add', path], { PLEDGEWATCH_DATA_DIR: dataDir })).code).toBe(0);
    expect(renderPlain(await bot.core.handle(from(question)))).toContain('— A/HRC/99/12 · p. 3 · ¶ 8');
    expect(renderPlain(await bot.core.handle(from('documents')))).toContain('a-hrc-99-12');
    bot.close();
  });

  it('remove (coordinators): the document leaves the answers, the ledger keeps what it tracked, marked', async () => {
    const dataDir = tempDir();
    const env = { PLEDGEWATCH_DATA_DIR: dataDir, PLEDGEWATCH_COORDINATORS: 'slack:UCOORD' };
    const bot = buildApp(loadConfig(env), { logger: silentLogger(), clock: new FakeClock('2026-12-01T09:00:00Z') });
    expect(renderPlain(await bot.core.handle(from('remove ngo-2013-open-letter')))).toMatch(/coordinator/i);
    const tracked = bot.services.ledger.letterOf(bot.services.ledger.resolveState('Mexico').id, 'ngo-2013-open-letter').questions.length;
    const r = renderPlain(await bot.core.handle(from('remove ngo-2013-open-letter', 'slack:UCOORD')));
    expect(r).toContain('Removed ngo-2013-open-letter');
    expect(r).toContain(`The ledger keeps the ${tracked} questions tracked from it, marked as from a removed document.`);
    expect(bot.services.corpus.answer('standing invitation to the Special Procedures', 5).map((a) => a.document.id)).not.toContain('ngo-2013-open-letter');
    expect(bot.services.ledger.letterOf(bot.services.ledger.resolveState('Mexico').id, 'ngo-2013-open-letter').letter.sourceRemovedAt).toBe('2026-12-01T09:00:00.000Z');
    expect(renderPlain(await bot.core.handle(from('outstanding Mexico --letter ngo-2013-open-letter')))).toContain('from a removed document');
    bot.close();
  });

  it('kind (coordinators) corrects the guess; a report’s numbered paragraphs are then cited as ¶', async () => {
    const dataDir = tempDir();
    const env = { PLEDGEWATCH_DATA_DIR: dataDir, PLEDGEWATCH_COORDINATORS: 'slack:UCOORD' };
    const path = write(files(), 'notes.md', '# Field notes from Testland\n\n1. Defenders in the north reported threats from private security companies guarding mines.\n\n2. Two journalists were detained overnight without charge.\n');
    const added = jsonLines((await cli(['add', path, '--json'], env)).out)[0]!;
    expect(added).toMatchObject({ doc: 'notes', kind: 'other', format: 'md' });
    const bot = buildApp(loadConfig(env), { logger: silentLogger() });
    expect(renderPlain(await bot.core.handle(from('kind notes report')))).toMatch(/coordinator/i);
    expect(renderPlain(await bot.core.handle(from('kind notes memo', 'slack:UCOORD')))).toMatch(/kind is one of letter, questions, report, statement, article, other/);
    expect(renderPlain(await bot.core.handle(from('kind notes report', 'slack:UCOORD')))).toBe('notes is now a report.');
    expect(bot.services.corpus.answer('journalists detained overnight', 1)[0]?.passage.where).toBe('¶ 2');
    bot.close();
  });
});

describe('the corpus folder (issue 11 item 11)', () => {
  it('holds every supported regular file at start; links and folders are skipped and named', async () => {
    const root = tempDir();
    const corpus = join(root, 'corpus');
    cpSync(join(indexData, 'corpus'), corpus, { recursive: true });
    writeFileSync(join(corpus, 'report.pdf'), await reportPdf());
    mkdirSync(join(corpus, 'folder.md'));
    const outside = write(files(), 'secret.md', '# Secret\n\nThe coalition’s safe house is at 12 Hidden Street, reachable only at night by the river path.\n');
    symlinkSync(outside, join(corpus, 'link.md'));
    writeFileSync(join(corpus, 'notes.odt'), 'not read');
    const env = { PLEDGEWATCH_DATA_DIR: join(root, 'data'), PLEDGEWATCH_CORPUS_DIR: corpus };
    const index = await cli(['index'], env);
    expect(index.code).toBe(0);
    expect(index.out).toMatch(/^Indexed 6 documents/);
    expect(index.out).toContain('folder.md a folder');
    expect(index.out).toContain('link.md a symbolic link (links are not followed)');
    expect(index.out).toContain('notes.odt not a type the library reads');
    const docs = JSON.parse((await cli(['documents', '--json'], env)).out).documents as { doc: string }[];
    expect(docs.map((d) => d.doc)).toContain('a-hrc-99-12');
    expect(docs.map((d) => d.doc)).not.toContain('link');
    const answers = JSON.parse((await cli(['ask', 'Where is the safe house on Hidden Street by the river path?', '--json'], env)).out).answers as { passage: string }[];
    expect(answers.filter((a) => /Hidden Street/.test(a.passage))).toEqual([]);
  });
});

describe('real UN documents (sources in fixtures/real/README.md)', () => {
  it('A/HRC/59/15, 26 pages: symbol, date, title, pages, and a paragraph cited by page', async () => {
    const env = { PLEDGEWATCH_DATA_DIR: tempDir() };
    const r = jsonLines((await cli(['add', join(real, 'slovenia-2025-working-group-report.pdf'), join(real, 'slovenia-2025-advance-questions.docx'), '--json'], env)).out);
    expect(r[0]).toMatchObject({ doc: 'a-hrc-59-15', title: 'Report of the Working Group on the Universal Periodic Review: Slovenia', kind: 'report', format: 'pdf', pages: 26, error: null });
    expect(r[1]).toMatchObject({ kind: 'questions', format: 'docx', error: null });
    const out = (await cli(['ask', 'What did Germany encourage Slovenia to do for journalists?'], env)).out;
    expect(out).toContain('“Germany encouraged Slovenia to take further measures to support a conducive environment for journalists.”');
    expect(out).toContain('— A/HRC/59/15 · p. 7 · ¶ 88');
    const ask = JSON.parse((await cli(['ask', 'Which recommendation asks for a procedure for determining stateless status?', '--json'], env)).out);
    expect(ask.answers[0]).toMatchObject({ doc: 'a-hrc-59-15', page: 24 });
    expect(ask.answers[0].passage).toMatch(/^140\.253 Establish a specific procedure for determining stateless status/);
    const documents = JSON.parse((await cli(['documents', '--json'], env)).out).documents;
    expect(documents.find((d: { doc: string }) => d.doc === 'a-hrc-59-15')).toMatchObject({ date: '2025-03-24', pages: 26 });
    // every stored passage of the real files checks out as the doctor and start-up check them
    expect(checkSavedIndex({ corpusDir: join(indexData, 'corpus'), indexDataDir: indexData, dataDir: env.PLEDGEWATCH_DATA_DIR })).toEqual({ state: 'fresh' });
  });
});
