import { basename } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../kernel/clock.js';
import { UserError } from '../kernel/errors.js';
import type { Answer, Corpus, Document, DocumentMeta, IndexReport, Passage } from '../corpus/corpus.js';
import { firstLine, idFromFileName, readMetadata, type MetadataEntry } from '../corpus/documents.js';
import type { Glossary } from '../corpus/glossary.js';
import type { IndexedPassage } from '../corpus/passages.js';
import { fieldsOf, PassageSearch } from '../corpus/search-index.js';
import { TermIndex, Tokenizer, type PassageTerms } from '../corpus/term-index.js';
import { sha256, type BlobStore } from './blobs.js';
import { cutPassages, READING, validPassage, validTerms, type CutPassage } from './cut.js';
import { scanFolder, type FolderFile } from './folder.js';
import { findDate, findSymbol, guessKind, guessLanguage, slug, statedDay, titleFromBlocks, titleFromText, usableTitle } from './metadata.js';
import { KINDS, type LibraryKind, type ParsedFile, type TextBlock } from './model.js';
import { formatOf, readDocumentFile, readTextFile } from './read.js';
import type { LibraryDocument, LibraryStore, NewDocument } from './store.js';

/** What `add` says about one file (the JSON contract of `npx pledgewatch add --json`). */
export interface AddResult {
  file: string;
  doc: string | null;
  title: string | null;
  kind: LibraryKind | null;
  format: string | null;
  pages: number | null;
  passages: number;
  error: string | null;
  /** what to do about the error (not in the JSON) */
  hint?: string;
}

export interface Library extends Corpus {
  /** the live documents, in the order they came in */
  list(): LibraryDocument[];
  /** a live document by id, unique id prefix, symbol or file name */
  find(ref: string): LibraryDocument;
  add(file: { name: string; bytes: Uint8Array }, actor: string): Promise<AddResult>;
  remove(ref: string, actor: string): LibraryDocument;
  setKind(ref: string, kind: LibraryKind, actor: string): LibraryDocument;
  /** a document's model (text blocks with page, numbering, headings, emphasis) and its passages, for readers such as `track` */
  model(id: string): { text: string; blocks: TextBlock[] | null; passages: Passage[] } | undefined;
  /** the corpus folder's PDF, Word and HTML files, read after start (text files are read at once) */
  ready: Promise<void>;
  /** loads the search index now (the bot, before its first question; the CLI loads it only to answer) */
  warm(): void;
}

export interface LibraryDeps {
  store: LibraryStore;
  blobs: BlobStore;
  glossary: Glossary;
  logger: Logger;
  clock: Clock;
  corpusDir: string;
  /** documents.json: curated metadata of the corpus folder's files */
  metadataPath: string;
  maxFileBytes: number;
  /** where the library notes the reading its documents were cut by (the bot's key-value store); without it, none is kept */
  reading?: { get(key: string): string | undefined; set(key: string, value: string): void };
}

const SYSTEM = 'pledgewatch';
const READING_KEY = 'library:reading';

/**
 * The coalition's library: every document from the corpus folder and from `add`, its metadata, its passages
 * and the search over them. The database holds it all; this process holds the search index and follows the
 * database's generation, so documents added by another process are found at the next question.
 */
export function openLibrary(deps: LibraryDeps): Library {
  const { store, blobs, glossary, clock } = deps;
  const log = deps.logger;
  const tokenizer = new Tokenizer();
  const limits = { maxFileBytes: deps.maxFileBytes };

  // what this process holds: the documents' rows (cheap, kept current for every command) and the search index
  // (passages and their terms, loaded only when a question needs it); both follow the database's generation
  let metaGeneration = -1;
  let indexGeneration = -1;
  const loaded = new Map<string, number>(); // id → version held in the index
  let metas = new Map<string, LibraryDocument>();
  let passages: IndexedPassage[] = [];
  let index = new TermIndex();
  let search: PassageSearch | undefined;

  function refresh(): void {
    const generation = store.generation();
    if (generation === metaGeneration) return;
    metas = new Map(store.documents().map((d) => [d.id, d]));
    metaGeneration = generation;
  }

  function refreshIndex(): void {
    refresh();
    if (indexGeneration === metaGeneration) return;
    const stale = new Set([...loaded].filter(([id, version]) => metas.get(id)?.version !== version).map(([id]) => id));
    if (stale.size) {
      const keep = passages.map((p) => !stale.has(p.doc));
      index.retain((i) => keep[i]!);
      passages = passages.filter((_, i) => keep[i]);
      for (const id of stale) loaded.delete(id);
    }
    for (const d of metas.values()) {
      if (loaded.has(d.id)) continue;
      const held = load(d);
      index.add(held.map((h) => h.terms));
      passages.push(...held.map((h) => h.passage));
      loaded.set(d.id, d.version);
    }
    indexGeneration = metaGeneration;
    search = undefined;
  }

  /** A document's stored passages, checked: a mangled row is rebuilt from the document's text and saved again. */
  function load(d: LibraryDocument): CutPassage[] {
    const rows = store.passagesOf(d.id);
    const out: CutPassage[] = [];
    let repaired = rows.length !== d.passages;
    for (const row of rows) {
      if (repaired) break;
      let passage: unknown;
      let terms: unknown;
      try {
        passage = JSON.parse(row.data);
        terms = JSON.parse(row.terms);
      } catch {
        repaired = true;
        break;
      }
      if (!validPassage(passage, d.id)) {
        repaired = true;
        break;
      }
      if (!validTerms(terms)) {
        terms = tokenizer.terms(fieldsOf(passage));
        repaired = true;
      }
      out.push({ passage, terms: terms as PassageTerms });
    }
    if (repaired) {
      const fresh = rows.length === d.passages && out.length === rows.length ? out : cut(d);
      store.repair(d.id, fresh);
      log.warn({ code: 'library-index-repaired', doc: d.id, passages: fresh.length }, 'stored passages did not check out and were rebuilt');
      return fresh;
    }
    return out;
  }

  function cut(d: LibraryDocument): CutPassage[] {
    const content = store.content(d.id);
    if (!content) return [];
    return cutPassages({ ...toMeta(d), text: content.text }, content.blocks, tokenizer);
  }

  function searcher(): PassageSearch {
    refreshIndex();
    return (search ??= new PassageSearch({ scorer: index, pipeline: tokenizer.searchPipeline }, passages, glossary));
  }

  function uniqueId(wanted: string): string {
    const taken = store.ids();
    let id = wanted;
    for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
    return id;
  }

  /** A document as the library keeps it: metadata from documents.json, else read from the file. */
  function describe(name: string, parsed: ParsedFile, meta: MetadataEntry | undefined, keepId?: string): Omit<NewDocument, 'sha256' | 'size' | 'source' | 'addedBy' | 'addedAt'> {
    const symbol = parsed.stated.symbol ?? findSymbol(parsed.text) ?? null;
    const plain = parsed.format === 'md' || parsed.format === 'txt';
    const title = meta?.title ?? ((plain ? firstLine(parsed.text) : undefined) ?? usableTitle(parsed.stated.title, symbol ?? undefined) ?? titleFromBlocks(parsed.blocks) ?? titleFromText(parsed.text, symbol ?? undefined) ?? basename(name)).slice(0, 300);
    const date = meta ? meta.date : findDate(parsed.text) ?? statedDay(parsed.stated.date) ?? null;
    const kind: LibraryKind = meta?.kind ?? guessKind(title, parsed.text, symbol ?? undefined);
    const id = keepId ?? uniqueId(meta?.id ?? (symbol ? slug(symbol) : idFromFileName(name)));
    return {
      id, title, kind, kindSource: meta ? 'metadata' : 'guess', format: parsed.format, date, dateLabel: meta?.dateLabel ?? null, symbol,
      language: guessLanguage(parsed.text, parsed.stated.language), pages: parsed.pages, author: meta?.author ?? parsed.stated.author ?? null,
      recipient: meta?.recipient ?? null, file: name, text: parsed.text, blocks: parsed.blocks,
    };
  }

  function save(doc: NewDocument, replace = false): number {
    const d = { ...doc } as LibraryDocument & NewDocument;
    const cutDoc = cutPassages({ ...toMeta({ ...d, removedAt: null, removedBy: null, passages: 0, version: 0 }), text: doc.text }, doc.blocks, tokenizer);
    if (!cutDoc.length) throw new UserError('no-passages', `${doc.file} has no text I could index.`, 'Check that the file has paragraphs of text.');
    store.save(doc, cutDoc, replace);
    return cutDoc.length;
  }

  async function addOne(file: { name: string; bytes: Uint8Array }, actor: string, source: 'added' | 'corpus', meta?: MetadataEntry, replacing?: LibraryDocument): Promise<LibraryDocument> {
    const sha = sha256(file.bytes);
    const dup = store.liveBySha(sha);
    if (dup && dup.id !== replacing?.id) throw new UserError('duplicate', `${file.name} is already in the library as ${dup.id}.`, 'Type `documents` to see the library.');
    const parsed = await readDocumentFile(file.name, file.bytes, limits);
    return commit(file, parsed, sha, actor, source, meta, replacing);
  }

  function commit(file: { name: string; bytes: Uint8Array }, parsed: ParsedFile, sha: string, actor: string, source: 'added' | 'corpus', meta?: MetadataEntry, replacing?: LibraryDocument): LibraryDocument {
    if (!/\p{L}{2}/u.test(parsed.text)) throw new UserError('no-text', `${file.name} has no text in it${parsed.format === 'pdf' ? '; OCR is not supported' : ''}.`, parsed.format === 'pdf' ? 'A scanned PDF needs a text layer: run it through OCR first, then add that file.' : undefined);
    const described = describe(file.name, parsed, meta, replacing?.id);
    blobs.put(file.bytes);
    try {
      save({ ...described, sha256: sha, size: file.bytes.byteLength, source, addedBy: actor, addedAt: clock.now().toISOString() }, replacing !== undefined);
    } catch (err) {
      // A unique key broken by another process adding the same file at once (SQLite's codes, PostgreSQL's 23505).
      if (['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505'].includes((err as { code?: string }).code ?? '')) {
        const other = store.liveBySha(sha);
        if (other) throw new UserError('duplicate', `${file.name} is already in the library as ${other.id}.`, 'Type `documents` to see the library.');
      }
      throw err;
    }
    if (replacing && replacing.sha256 !== sha && !store.liveBySha(replacing.sha256)) blobs.delete(replacing.sha256);
    refresh();
    return metas.get(described.id)!;
  }

  /** The corpus folder into the library: new and changed files read, files gone taken out. Text files now; the rest awaited. */
  function syncFolder(): { skipped: { file: string; reason: string }[]; later: Promise<void> } {
    const scan = scanFolder(deps.corpusDir, deps.maxFileBytes);
    const meta = readMetadata(deps.metadataPath);
    const fromFolder = new Map(store.documents().filter((d) => d.source === 'corpus').map((d) => [d.file, d]));
    const pending: { f: FolderFile; existing?: LibraryDocument }[] = [];
    const skipped = [...scan.skipped];
    for (const f of scan.files) {
      const existing = fromFolder.get(f.file);
      fromFolder.delete(f.file);
      const m = meta.get(f.file);
      if (existing && existing.sha256 === sha256(f.bytes) && sameMeta(existing, m)) continue;
      if (f.format === 'md' || f.format === 'txt') {
        try {
          commit({ name: f.file, bytes: f.bytes }, readTextFile(f.file, f.bytes), sha256(f.bytes), SYSTEM, 'corpus', m, existing);
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          skipped.push({ file: f.file, reason: err.sentence });
        }
      } else pending.push({ f, existing });
    }
    for (const gone of fromFolder.values()) store.markRemoved(gone.id, SYSTEM, clock.now().toISOString());
    if (fromFolder.size) refresh();
    const later = (async () => {
      for (const { f, existing } of pending) {
        try {
          await addOne({ name: f.file, bytes: f.bytes }, SYSTEM, 'corpus', meta.get(f.file), existing);
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          skipped.push({ file: f.file, reason: err.sentence });
        }
      }
      if (skipped.length) log.warn({ code: 'corpus-files-skipped', files: skipped.map((s) => `${s.file}: ${s.reason}`) }, 'some files of the corpus folder were left out');
    })();
    return { skipped, later };
  }

  function find(ref: string): LibraryDocument {
    refresh();
    const wanted = ref.trim();
    const all = [...metas.values()];
    const exact = all.find((d) => d.id === wanted.toLowerCase() || d.symbol === wanted || d.file === wanted);
    if (exact) return exact;
    const matches = all.filter((d) => d.id.startsWith(wanted.toLowerCase()));
    if (matches.length === 1) return matches[0]!;
    if (!matches.length) throw new UserError('unknown-document', `There is no document "${wanted.slice(0, 60)}" in the library.`, 'Type `documents` to see the ids.');
    throw new UserError('ambiguous-document', `"${wanted.slice(0, 60)}" could mean several documents.`, `Name one of ${matches.slice(0, 8).map((d) => d.id).join(', ')}.`);
  }

  function report(rebuilt: boolean, skipped: { file: string; reason: string }[] = []): IndexReport {
    refresh();
    const docs = [...metas.values()];
    return { rebuilt, documents: docs.map((d) => ({ id: d.id, title: d.title, file: d.file, passages: d.passages })), passages: docs.reduce((n, d) => n + d.passages, 0), skipped };
  }

  /** Every live document cut again from its stored text by the current reading (one transaction each), then noted. */
  function cutAllAgain(): number {
    let documents = 0;
    for (const d of store.documents()) {
      const content = store.content(d.id);
      if (!content) continue;
      save({ ...d, text: content.text, blocks: content.blocks }, true);
      documents++;
    }
    deps.reading?.set(READING_KEY, READING);
    return documents;
  }

  /**
   * Documents cut by an older reading (READING) are cut again from their stored text, one at a time (each its own
   * transaction: a crash leaves every document whole, and the next start finishes the work); the reading is noted
   * only once all are done. A fresh library has nothing to cut again.
   */
  function readAgain(): void {
    if (!deps.reading || deps.reading.get(READING_KEY) === READING) return;
    const started = performance.now();
    const documents = cutAllAgain();
    refresh();
    if (documents) log.info({ code: 'library-read-again', documents, reading: READING, ms: Math.round(performance.now() - started) }, 'documents cut again by the current reading');
  }

  // --- start: what is stored, then the corpus folder, then anything an older reading cut ---
  const started = performance.now();
  refresh();
  const fresh = metas.size === 0;
  const first = syncFolder();
  log.info({ code: 'library-opened', documents: metas.size, ms: Math.round(performance.now() - started) }, 'library opened');
  const ready = first.later
    .catch((err) => log.error({ code: 'corpus-folder-failed', err }, 'the corpus folder could not be read'))
    .then(() => (fresh ? deps.reading?.set(READING_KEY, READING) : readAgain()))
    .catch((err) => log.error({ code: 'library-read-again-failed', err }, 'documents cut by an older reading could not be cut again; the next start tries again'));

  return {
    ready,
    documents: () => {
      refresh();
      return [...metas.values()].map(toMeta);
    },
    document(id): Document | undefined {
      refresh();
      const d = metas.get(id);
      const content = d && store.content(id);
      return d && content ? { ...toMeta(d), text: content.text } : undefined;
    },
    answer(question, limit): Answer[] {
      return searcher()
        .search(question, limit)
        .map((h) => {
          const { body: _body, source: _source, ...passage } = h.passage;
          return { document: toMeta(metas.get(h.passage.doc)!), passage, quote: h.quote, score: h.score };
        });
    },
    async reindex() {
      const { skipped, later } = syncFolder();
      await later;
      cutAllAgain();
      index = new TermIndex();
      passages = [];
      loaded.clear();
      indexGeneration = -1;
      return report(true, skipped);
    },
    list: () => {
      refresh();
      return [...metas.values()];
    },
    find,
    warm: () => {
      const started = performance.now();
      refreshIndex();
      log.info({ code: 'library-index-loaded', documents: metas.size, passages: passages.length, ms: Math.round(performance.now() - started) }, 'search index loaded');
    },
    model(id) {
      const content = store.content(id);
      if (!content) return undefined;
      const passages = store.passagesOf(id).map((row) => {
        const { body: _body, source: _source, ...p } = JSON.parse(row.data) as IndexedPassage;
        return p;
      });
      return { ...content, passages };
    },
    async add(file, actor) {
      const name = basename(file.name);
      try {
        const d = await addOne({ name, bytes: file.bytes }, actor, 'added');
        log.info({ code: 'document-added', doc: d.id, format: d.format, passages: d.passages }, 'document added');
        return { file: file.name, doc: d.id, title: d.title, kind: d.kind, format: d.format, pages: d.pages, passages: d.passages, error: null };
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        return { file: file.name, doc: null, title: null, kind: null, format: formatOf(name) ?? null, pages: null, passages: 0, error: err.sentence, hint: err.hint };
      }
    },
    remove(ref, actor) {
      const d = find(ref);
      store.markRemoved(d.id, actor, clock.now().toISOString());
      if (!store.liveBySha(d.sha256)) blobs.delete(d.sha256);
      refresh();
      return { ...d, removedAt: clock.now().toISOString(), removedBy: actor };
    },
    setKind(ref, kind, _actor) {
      if (!KINDS.includes(kind)) throw new UserError('bad-kind', `"${String(kind).slice(0, 30)}" is not a kind of document.`, `Kinds: ${KINDS.join(', ')}.`);
      const d = find(ref);
      const content = store.content(d.id)!;
      // the kind decides what numbered items are called ("¶ 45" in a report), so the passages are cut again
      save({ ...d, kind, kindSource: 'set', text: content.text, blocks: content.blocks }, true);
      refresh();
      return metas.get(d.id)!;
    },
  };
}

function sameMeta(d: LibraryDocument, m: MetadataEntry | undefined): boolean {
  if (!m) return d.kindSource !== 'metadata';
  return d.kindSource === 'metadata' && d.id === m.id && d.title === m.title && d.kind === m.kind && d.date === m.date && (d.author ?? undefined) === m.author && (d.recipient ?? null) === (m.recipient ?? null) && (d.dateLabel ?? undefined) === m.dateLabel;
}

/** What the rest of the bot sees of a document. */
export function toMeta(d: LibraryDocument): DocumentMeta {
  const itemWord = d.kindSource !== 'metadata' && d.kind === 'report' ? '¶' : d.kindSource !== 'metadata' && d.kind === 'questions' ? 'question' : undefined;
  return {
    id: d.id,
    title: d.title,
    kind: d.kind,
    date: d.date,
    ...(d.dateLabel ? { dateLabel: d.dateLabel } : {}),
    ...(d.author ? { author: d.author } : {}),
    recipient: d.recipient,
    file: d.file,
    format: d.format,
    pages: d.pages,
    symbol: d.symbol,
    language: d.language,
    curated: d.kindSource === 'metadata',
    ...(itemWord ? { itemWord } : {}),
  };
}
