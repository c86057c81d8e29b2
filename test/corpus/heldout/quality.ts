/**
 * Answer quality on the held-out and tuning question sets (issue 16), for pledgewatch's ranking and for two
 * peers over the same passages: lunr's default English pipeline and plain MiniSearch. Used by
 * bench/quality-bench.ts (prints the figures) and test/corpus/heldout.test.ts (asserts floors).
 *
 * The corpus is the five seeds plus the plain text of the real UN documents in test/fixtures/real/. A passage
 * answers a question when it belongs to the expected document and holds one of the question's excerpts (see
 * `passageHolds`), so the score does not depend on how documents are split into passages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { z } from 'zod';
import type { Document } from '../../../src/corpus/corpus.js';
import { loadDocuments } from '../../../src/corpus/documents.js';
import { Glossary } from '../../../src/corpus/glossary.js';
import { splitPassages, type IndexedPassage } from '../../../src/corpus/passages.js';
import { buildLunrIndex, PassageSearch } from '../../../src/corpus/search-index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const heldoutDir = join(root, 'test/corpus/heldout');
const realDir = join(root, 'test/fixtures/real');

const answerable = z.object({
  id: z.string(),
  q: z.string(),
  lang: z.enum(['en', 'es']),
  style: z.enum(['direct', 'paraphrase']),
  asks: z.enum(['who', 'how-many', 'when', 'what']),
  about: z.enum(['seed', 'real']),
  answers: z.array(z.object({ doc: z.string(), excerpt: z.string() })).min(1),
});
const silent = z.object({
  id: z.string(),
  q: z.string(),
  lang: z.enum(['en', 'es']),
  category: z.enum(['near-domain', 'off-topic']),
  expect: z.literal('silence'),
});
const setFile = z.object({ set: z.string(), questions: z.array(z.union([answerable, silent])) });
export type Answerable = z.infer<typeof answerable>;
export type Silent = z.infer<typeof silent>;
export type Question = Answerable | Silent;
export type SetName = 'heldout' | 'tuning' | 'tuning-2' | 'tuning-3' | 'tuning-4' | 'tuning-5' | 'tuning-6' | 'tuning-7' | 'tuning-8' | 'tuning-9' | 'tuning-10' | 'tuning-11' | 'tuning-12' | 'tuning-13' | 'tuning-14' | 'tuning-15' | 'tuning-16' | 'tuning-17' | 'tuning-18' | 'tuning-19' | 'tuning-20' | 'tuning-21' | 'tuning-22';
/**
 * The files of each set. tuning-2 (English and Spanish) and tuning-3 (answerable, and silence: off-topic and
 * near-domain) were written in the fourth session from the documents alone; tuning-3 came after tuning-2 had been
 * tuned on, to check the levers on questions they were not fitted to. tuning-4 (answerable, and silence) was written
 * the same way at the start of the fifth session, before any of its ranking changes; tuning-5 (off-topic silence
 * only) in the middle of it, after the first silence changes. tuning-6 (English and Spanish answerable, mostly paraphrased in
 * everyday words, and silence) at the start of the sixth session, before any of its ranking changes; tuning-7
 * (answerable, half paraphrased, and silence) at its end, after them, to check them on questions they were not fitted to.
 * tuning-8 (English and Spanish: answerable, two thirds paraphrased, and silence) at the start of the seventh session,
 * before its ranking model was fitted (bench/fit-ranking.ts), which never fits on it. tuning-9 (English and Spanish,
 * half paraphrased, from the documents' middle and later parts) at its end, after its changes, to check them on
 * questions they were not fitted to. tuning-10 (English and Spanish, two thirds paraphrased, from the documents' middle
 * and later parts, and silence) at the start of the eighth session, before any of its changes; tuning-11 (English and
 * Spanish, the documents' main facts and details, and silence) late in it, to check its changes on questions they were
 * not fitted to. tuning-12 (English and Spanish, two thirds paraphrased, and silence) at the start of the ninth session,
 * before any of its changes, by two writers who read only the twelve documents; its start figures were taken blind,
 * and it was read and tuned on after the session's first two commits. tuning-13 and tuning-14 (English and Spanish, a
 * third of each silence, off-topic questions above all) at the start of the tenth session, before any of its ranking
 * changes, by four writers who read only the twelve documents: tuning-13's writers were asked for off-topic questions
 * that use the field's words in another sense; tuning-13 is read and tuned on, tuning-14 is never read (aggregates only).
 * tuning-15 and tuning-16 (English and Spanish, half silence, off-topic above all: the general things anyone types to a
 * chat bot, a third naming a place, body or year the library names) at the start of the eleventh session, before any
 * of its ranking changes, by four writers who read only the twelve documents; tuning-15 is read and tuned on, tuning-16
 * is never read (aggregates only). tuning-17 (English and Spanish, silence only: 160 off-topic and 40 near-domain questions
 * of the same kinds) soon after, by two more such writers; it is read and tuned on. tuning-18 (silence only, short plain
 * questions on very many subjects, the way people test any chat bot) later, by two more; read and tuned on. tuning-19
 * (silence only, of tuning-18's kind) late in the session, after most of its changes, by two more; never read
 * (aggregates only), to measure those changes on questions they were not made from. tuning-20 (silence only, half of
 * its off-topic questions naming a person, place, body or year the documents name) beside it; read and tuned on.
 * tuning-21 (silence only, on as many subjects as a general chat bot is asked in a week) after it; read and tuned on.
 * tuning-22 (silence only, the less obvious subjects: units, inventions, animals, formalities, apps…) last; read and tuned on.
 */
const FILES: Record<SetName, string[]> = { heldout: ['heldout'], tuning: ['tuning'], 'tuning-2': ['tuning-2-en', 'tuning-2-es'], 'tuning-3': ['tuning-3', 'tuning-3-silence'], 'tuning-4': ['tuning-4', 'tuning-4-silence'], 'tuning-5': ['tuning-5-silence'], 'tuning-6': ['tuning-6-en', 'tuning-6-es', 'tuning-6-silence'], 'tuning-7': ['tuning-7', 'tuning-7-silence'], 'tuning-8': ['tuning-8-en', 'tuning-8-es'], 'tuning-9': ['tuning-9-en', 'tuning-9-es'], 'tuning-10': ['tuning-10-en', 'tuning-10-es'], 'tuning-11': ['tuning-11-en', 'tuning-11-es'], 'tuning-12': ['tuning-12-en', 'tuning-12-es'], 'tuning-13': ['tuning-13-en', 'tuning-13-es'], 'tuning-14': ['tuning-14-en', 'tuning-14-es'], 'tuning-15': ['tuning-15-en', 'tuning-15-es'], 'tuning-16': ['tuning-16-en', 'tuning-16-es'], 'tuning-17': ['tuning-17-en', 'tuning-17-es'], 'tuning-18': ['tuning-18-en', 'tuning-18-es'], 'tuning-19': ['tuning-19-en', 'tuning-19-es'], 'tuning-20': ['tuning-20-en', 'tuning-20-es'], 'tuning-21': ['tuning-21-en', 'tuning-21-es'], 'tuning-22': ['tuning-22-en', 'tuning-22-es'] };

export function loadSet(name: SetName): Question[] {
  return FILES[name].flatMap((file) => setFile.parse(JSON.parse(readFileSync(join(heldoutDir, `${file}.json`), 'utf8'))).questions);
}

/** lower case, every run of characters that are not letters or digits made one space */
export function normalize(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Whether a passage's text holds an excerpt (as a substring, both normalized; excerpts are 5 to 12 words): all of it, or, where the excerpt straddles a passage boundary,
 * at least its first 4 words at the passage's end or at least its last 4 words at the passage's start.
 */
export function passageHolds(passageText: string, excerpt: string): boolean {
  const p = normalize(passageText);
  const e = normalize(excerpt);
  if (p.includes(e)) return true;
  const w = e.split(' ');
  for (let n = 4; n < w.length; n++) {
    if (p.endsWith(w.slice(0, n).join(' ')) || p.startsWith(w.slice(w.length - n).join(' '))) return true;
  }
  return false;
}

/** The seeds and the real UN documents' text, and their passages as pledgewatch splits them. */
export function loadLibrary(): { docs: Document[]; passages: IndexedPassage[] } {
  const seeds = loadDocuments(join(root, 'index-data/corpus'), join(root, 'index-data/documents.json'));
  const real = loadDocuments(realDir, join(realDir, 'documents.json')).filter((d) => d.file.endsWith('.txt'));
  const docs = [...seeds, ...real];
  return { docs, passages: docs.flatMap(splitPassages) };
}

export interface Found {
  doc: string;
  text: string;
}
/** An engine answers a question with its best passages, best first; [] is "nothing found". */
export type Engine = (question: string, limit: number) => Found[];

export function pledgewatchEngine(passages: IndexedPassage[]): Engine {
  const search = new PassageSearch(buildLunrIndex(passages), passages, Glossary.load(join(root, 'index-data/glossary.json')));
  return (q, limit) => search.search(q, limit).map((h) => ({ doc: h.passage.doc, text: h.passage.text }));
}

/** lunr as its README shows it: the default (English) pipeline, heading and text fields, the question's words OR-ed. */
export function lunrDefaultEngine(passages: IndexedPassage[]): Engine {
  const index = lunr(function () {
    this.ref('i');
    this.field('heading');
    this.field('text');
    passages.forEach((p, i) => this.add({ i: String(i), heading: p.heading ?? '', text: p.body }));
  });
  return (q, limit) =>
    index
      // the question's tokens as terms (Index.search would read "-", ":", "~" in a question as query syntax)
      .query((query) => lunr.tokenizer(q).forEach((t) => query.term(t.toString(), {})))
      .slice(0, limit)
      .map((r) => passages[Number(r.ref)]!)
      .map((p) => ({ doc: p.doc, text: p.text }));
}

/** MiniSearch with its defaults: heading and text fields, default tokenizer and term processing, OR. */
export function miniSearchEngine(passages: IndexedPassage[]): Engine {
  const mini = new MiniSearch<{ id: number; heading: string; text: string }>({ fields: ['heading', 'text'] });
  mini.addAll(passages.map((p, i) => ({ id: i, heading: p.heading ?? '', text: p.body })));
  return (q, limit) =>
    mini
      .search(q)
      .slice(0, limit)
      .map((r) => passages[r.id as number]!)
      .map((p) => ({ doc: p.doc, text: p.text }));
}

export interface Figures {
  answerable: number;
  recallAt1: number;
  recallAt3: number;
  /** mean reciprocal rank of the first answering passage in the top 10 (0 when none) */
  mrr: number;
  top3En: number;
  top3Es: number;
  top3Seeds: number;
  top3Real: number;
  silenceOffTopic: number;
  silenceNearDomain: number;
  /** ids of the answerable questions with no answering passage in the top 3, and of the silence questions answered */
  misses: string[];
}

const RANKS = 10;

export function score(questions: Question[], engine: Engine): Figures {
  const ranks = new Map<string, number>(); // 1-based rank of the first answering passage; 0 = none in the top 10
  const answered = new Map<string, boolean>();
  for (const q of questions) {
    const found = engine(q.q, RANKS);
    if ('expect' in q) {
      answered.set(q.id, found.length > 0);
      continue;
    }
    const at = found.findIndex((f) => q.answers.some((a) => a.doc === f.doc && passageHolds(f.text, a.excerpt)));
    ranks.set(q.id, at + 1);
  }
  const asked = questions.filter((q): q is Answerable => !('expect' in q));
  const share = (qs: Answerable[], ok: (rank: number) => boolean) => (qs.length ? qs.filter((q) => ok(ranks.get(q.id)!)).length / qs.length : NaN);
  const within = (k: number) => (rank: number) => rank >= 1 && rank <= k;
  const silence = (category: Silent['category']) => {
    const qs = questions.filter((q): q is Silent => 'expect' in q && q.category === category);
    return qs.length ? qs.filter((q) => !answered.get(q.id)).length / qs.length : NaN;
  };
  return {
    answerable: asked.length,
    recallAt1: share(asked, within(1)),
    recallAt3: share(asked, within(3)),
    mrr: asked.reduce((sum, q) => sum + (ranks.get(q.id)! > 0 ? 1 / ranks.get(q.id)! : 0), 0) / asked.length,
    top3En: share(asked.filter((q) => q.lang === 'en'), within(3)),
    top3Es: share(asked.filter((q) => q.lang === 'es'), within(3)),
    top3Seeds: share(asked.filter((q) => q.about === 'seed'), within(3)),
    top3Real: share(asked.filter((q) => q.about === 'real'), within(3)),
    silenceOffTopic: silence('off-topic'),
    silenceNearDomain: silence('near-domain'),
    misses: [...asked.filter((q) => !within(3)(ranks.get(q.id)!)).map((q) => q.id), ...[...answered].filter(([, yes]) => yes).map(([id]) => id)],
  };
}
