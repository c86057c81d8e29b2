import type { Db, Migration } from '../storage/database.js';
import type { IndexedPassage } from '../corpus/passages.js';
import type { PassageTerms } from '../corpus/term-index.js';
import type { Format, LibraryKind, TextBlock } from './model.js';

export interface LibraryDocument {
  id: string;
  title: string;
  kind: LibraryKind;
  /** 'guess' (read from the file), 'metadata' (documents.json) or 'set' (a coordinator corrected it) */
  kindSource: 'guess' | 'metadata' | 'set';
  format: Format;
  date: string | null;
  dateLabel: string | null;
  symbol: string | null;
  language: string | null;
  pages: number | null;
  author: string | null;
  recipient: string | null;
  /** the file's name as it was added (or its name in the corpus folder) */
  file: string;
  sha256: string;
  size: number;
  /** 'corpus' (the corpus folder) or 'added' (`add`, chat) */
  source: 'corpus' | 'added';
  addedBy: string;
  addedAt: string;
  removedAt: string | null;
  removedBy: string | null;
  passages: number;
  /** the library generation that wrote this document's passages: a reader holding another one reloads them */
  version: number;
}

export interface StoredPassage {
  doc: string;
  seq: number;
  /** the passage as JSON (IndexedPassage with its page) and its index terms as JSON, as stored */
  data: string;
  terms: string;
}

export interface NewDocument extends Omit<LibraryDocument, 'removedAt' | 'removedBy' | 'passages' | 'version'> {
  text: string;
  blocks: TextBlock[] | null;
}

/**
 * The library's rows: documents (metadata, their text and block model) and their passages with index terms.
 * Every change bumps a generation number, which every process holding the library in memory checks before it
 * answers: a document added from the CLI is seen by the running bot at its next question.
 */
export interface LibraryStore {
  generation(): number;
  documents(options?: { removed?: boolean }): LibraryDocument[];
  document(id: string): LibraryDocument | undefined;
  content(id: string): { text: string; blocks: TextBlock[] | null } | undefined;
  liveBySha(sha256: string): LibraryDocument | undefined;
  ids(): Set<string>;
  /** inserts a document and its passages (or, with `replace`, replaces the document of the same id) */
  save(doc: NewDocument, passages: { passage: IndexedPassage; terms: PassageTerms }[], replace?: boolean): number;
  /** rewrites stored passages (a repaired index); the library's content is unchanged, so no new generation */
  repair(id: string, passages: { passage: IndexedPassage; terms: PassageTerms }[]): void;
  markRemoved(id: string, actor: string, at: string): void;
  setKind(id: string, kind: LibraryKind): void;
  passagesOf(id: string): StoredPassage[];
}

export const libraryMigrations: Migration[] = [
  {
    id: 'library-001-create',
    up: `
      CREATE TABLE library_documents (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL, kind_source TEXT NOT NULL,
        format TEXT NOT NULL, date TEXT, date_label TEXT, symbol TEXT, language TEXT, pages INTEGER,
        author TEXT, recipient TEXT, file TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
        source TEXT NOT NULL, added_by TEXT NOT NULL, added_at TEXT NOT NULL, removed_at TEXT, removed_by TEXT,
        passages INTEGER NOT NULL, version INTEGER NOT NULL, text TEXT NOT NULL, blocks TEXT
      );
      CREATE UNIQUE INDEX library_documents_live_sha ON library_documents (sha256) WHERE removed_at IS NULL;
      CREATE TABLE library_passages (
        doc TEXT NOT NULL REFERENCES library_documents (id), seq INTEGER NOT NULL,
        data TEXT NOT NULL, terms TEXT NOT NULL, PRIMARY KEY (doc, seq)
      );
      CREATE TABLE library_state (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL);
      INSERT INTO library_state (id, generation) VALUES (1, 0);
    `,
  },
];

const COLUMNS = `id, title, kind, kind_source AS kindSource, format, date, date_label AS dateLabel, symbol, language, pages, author,
  recipient, file, sha256, size, source, added_by AS addedBy, added_at AS addedAt, removed_at AS removedAt,
  removed_by AS removedBy, passages, version`;

export class SqliteLibraryStore implements LibraryStore {
  constructor(private readonly db: Db) {}

  generation(): number {
    return (this.db.prepare('SELECT generation FROM library_state WHERE id = 1').get() as { generation: number }).generation;
  }

  documents(options: { removed?: boolean } = {}): LibraryDocument[] {
    const where = options.removed ? '' : 'WHERE removed_at IS NULL';
    return this.db.prepare(`SELECT ${COLUMNS} FROM library_documents ${where} ORDER BY rowid`).all() as LibraryDocument[];
  }

  document(id: string): LibraryDocument | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM library_documents WHERE id = ?`).get(id) as LibraryDocument | undefined;
  }

  content(id: string) {
    const row = this.db.prepare('SELECT text, blocks FROM library_documents WHERE id = ?').get(id) as { text: string; blocks: string | null } | undefined;
    return row && { text: row.text, blocks: row.blocks ? (JSON.parse(row.blocks) as TextBlock[]) : null };
  }

  liveBySha(sha256: string): LibraryDocument | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM library_documents WHERE sha256 = ? AND removed_at IS NULL`).get(sha256) as LibraryDocument | undefined;
  }

  ids(): Set<string> {
    return new Set((this.db.prepare('SELECT id FROM library_documents').all() as { id: string }[]).map((r) => r.id));
  }

  save(doc: NewDocument, passages: { passage: IndexedPassage; terms: PassageTerms }[], replace = false): number {
    return this.db
      .transaction(() => {
        const generation = this.bump();
        if (replace) {
          this.db.prepare('DELETE FROM library_passages WHERE doc = ?').run(doc.id);
          this.db.prepare('DELETE FROM library_documents WHERE id = ?').run(doc.id);
        }
        this.db
          .prepare(
            `INSERT INTO library_documents (id, title, kind, kind_source, format, date, date_label, symbol, language, pages, author, recipient,
               file, sha256, size, source, added_by, added_at, passages, version, text, blocks)
             VALUES (@id, @title, @kind, @kindSource, @format, @date, @dateLabel, @symbol, @language, @pages, @author, @recipient,
               @file, @sha256, @size, @source, @addedBy, @addedAt, @passages, @version, @text, @blocks)`,
          )
          .run({ ...doc, passages: passages.length, version: generation, blocks: doc.blocks ? JSON.stringify(doc.blocks) : null });
        this.insertPassages(doc.id, passages);
        return generation;
      })
      .immediate();
  }

  repair(id: string, passages: { passage: IndexedPassage; terms: PassageTerms }[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM library_passages WHERE doc = ?').run(id);
      this.insertPassages(id, passages);
      this.db.prepare('UPDATE library_documents SET passages = ? WHERE id = ?').run(passages.length, id);
    })();
  }

  markRemoved(id: string, actor: string, at: string): void {
    this.db
      .transaction(() => {
        this.bump();
        this.db.prepare('DELETE FROM library_passages WHERE doc = ?').run(id);
        this.db.prepare('UPDATE library_documents SET removed_at = ?, removed_by = ?, passages = 0 WHERE id = ?').run(at, actor, id);
      })
      .immediate();
  }

  setKind(id: string, kind: LibraryKind): void {
    this.db
      .transaction(() => {
        this.bump();
        this.db.prepare(`UPDATE library_documents SET kind = ?, kind_source = 'set' WHERE id = ?`).run(kind, id);
      })
      .immediate();
  }

  passagesOf(id: string): StoredPassage[] {
    return this.db.prepare('SELECT doc, seq, data, terms FROM library_passages WHERE doc = ? ORDER BY seq').all(id) as StoredPassage[];
  }

  private bump(): number {
    this.db.prepare('UPDATE library_state SET generation = generation + 1 WHERE id = 1').run();
    return this.generation();
  }

  private insertPassages(id: string, passages: { passage: IndexedPassage; terms: PassageTerms }[]): void {
    const insert = this.db.prepare('INSERT INTO library_passages (doc, seq, data, terms) VALUES (?, ?, ?, ?)');
    passages.forEach((p, i) => insert.run(id, i + 1, JSON.stringify(p.passage), JSON.stringify(p.terms)));
  }
}
