import type { IndexedPassage } from '../corpus/passages.js';
import type { PassageTerms } from '../corpus/term-index.js';
import type { PgSession } from '../storage/pg/session.js';
import { sha256, type BlobStore } from './blobs.js';
import type { LibraryKind, TextBlock } from './model.js';
import type { LibraryDocument, LibraryStore, NewDocument, StoredPassage } from './store.js';

const COLUMNS = `id, title, kind, kind_source AS "kindSource", format, date, date_label AS "dateLabel", symbol, language, pages, author,
  recipient, file, sha256, size, source, added_by AS "addedBy", added_at AS "addedAt", removed_at AS "removedAt",
  removed_by AS "removedBy", passages, version`;

/** The library's rows in PostgreSQL (libraryMigrations' `pg` dialect); each change bumps the generation under its row lock. */
export class PgLibraryStore implements LibraryStore {
  constructor(private readonly db: PgSession) {}

  generation(): number {
    return this.db.get<{ generation: number }>('SELECT generation FROM library_state WHERE id = 1')!.generation;
  }

  documents(options: { removed?: boolean } = {}): LibraryDocument[] {
    const where = options.removed ? '' : 'WHERE removed_at IS NULL';
    return this.db.all<LibraryDocument>(`SELECT ${COLUMNS} FROM library_documents ${where} ORDER BY position`);
  }

  document(id: string): LibraryDocument | undefined {
    return this.db.get<LibraryDocument>(`SELECT ${COLUMNS} FROM library_documents WHERE id = $1`, [id]);
  }

  content(id: string) {
    const row = this.db.get<{ text: string; blocks: string | null }>('SELECT text, blocks FROM library_documents WHERE id = $1', [id]);
    return row && { text: row.text, blocks: row.blocks ? (JSON.parse(row.blocks) as TextBlock[]) : null };
  }

  liveBySha(hash: string): LibraryDocument | undefined {
    return this.db.get<LibraryDocument>(`SELECT ${COLUMNS} FROM library_documents WHERE sha256 = $1 AND removed_at IS NULL`, [hash]);
  }

  ids(): Set<string> {
    return new Set(this.db.all<{ id: string }>('SELECT id FROM library_documents').map((r) => r.id));
  }

  save(doc: NewDocument, passages: { passage: IndexedPassage; terms: PassageTerms }[], replace = false): number {
    return this.db.transaction(() => {
      const generation = this.bump();
      if (replace) {
        this.db.run('DELETE FROM library_passages WHERE doc = $1', [doc.id]);
        this.db.run('DELETE FROM library_documents WHERE id = $1', [doc.id]);
      }
      this.db.run(
        `INSERT INTO library_documents (id, title, kind, kind_source, format, date, date_label, symbol, language, pages, author, recipient,
           file, sha256, size, source, added_by, added_at, passages, version, text, blocks)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
        [doc.id, doc.title, doc.kind, doc.kindSource, doc.format, doc.date, doc.dateLabel, doc.symbol, doc.language, doc.pages, doc.author, doc.recipient,
          doc.file, doc.sha256, doc.size, doc.source, doc.addedBy, doc.addedAt, passages.length, generation, doc.text, doc.blocks ? JSON.stringify(doc.blocks) : null],
      );
      this.insertPassages(doc.id, passages);
      return generation;
    });
  }

  repair(id: string, passages: { passage: IndexedPassage; terms: PassageTerms }[]): void {
    this.db.transaction(() => {
      this.db.run('DELETE FROM library_passages WHERE doc = $1', [id]);
      this.insertPassages(id, passages);
      this.db.run('UPDATE library_documents SET passages = $1 WHERE id = $2', [passages.length, id]);
    });
  }

  markRemoved(id: string, actor: string, at: string): void {
    this.db.transaction(() => {
      this.bump();
      this.db.run('DELETE FROM library_passages WHERE doc = $1', [id]);
      this.db.run('UPDATE library_documents SET removed_at = $1, removed_by = $2, passages = 0 WHERE id = $3', [at, actor, id]);
    });
  }

  setKind(id: string, kind: LibraryKind): void {
    this.db.transaction(() => {
      this.bump();
      this.db.run(`UPDATE library_documents SET kind = $1, kind_source = 'set' WHERE id = $2`, [kind, id]);
    });
  }

  passagesOf(id: string): StoredPassage[] {
    return this.db.all<StoredPassage>('SELECT doc, seq, data, terms FROM library_passages WHERE doc = $1 ORDER BY seq', [id]);
  }

  /** the next generation; the row stays locked until the transaction ends, so library writers take turns */
  private bump(): number {
    return this.db.get<{ generation: number }>('UPDATE library_state SET generation = generation + 1 WHERE id = 1 RETURNING generation')!.generation;
  }

  private insertPassages(id: string, passages: { passage: IndexedPassage; terms: PassageTerms }[]): void {
    if (!passages.length) return;
    // One statement for all of a document's passages (a long report has thousands).
    this.db.run('INSERT INTO library_passages (doc, seq, data, terms) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])', [
      id,
      passages.map((_, i) => i + 1),
      passages.map((p) => JSON.stringify(p.passage)),
      passages.map((p) => JSON.stringify(p.terms)),
    ]);
  }
}

/** The library's original files as rows of library_files, by the SHA-256 of their content (as the data dir's blob store). */
export function pgBlobStore(db: PgSession): BlobStore {
  const check = (hash: string) => {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('not a sha256');
    return hash;
  };
  return {
    put(bytes) {
      const hash = sha256(bytes);
      db.run('INSERT INTO library_files (sha256, bytes, size) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [hash, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes.byteLength]);
      return hash;
    },
    get(hash) {
      const row = db.get<{ bytes: Uint8Array }>('SELECT bytes FROM library_files WHERE sha256 = $1', [check(hash)]);
      return row && Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength);
    },
    has: (hash) => db.get('SELECT 1 FROM library_files WHERE sha256 = $1', [check(hash)]) !== undefined,
    delete: (hash) => void db.run('DELETE FROM library_files WHERE sha256 = $1', [check(hash)]),
  };
}
