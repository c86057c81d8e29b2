import type { Db, Migration } from '../storage/database.js';
import type { ExtractedLetter, ExtractedQuestion } from './extract.js';

export type ResponseStatus = 'outstanding' | 'answered' | 'partial' | 'declined';

export interface LetterRow {
  id: string;
  title: string;
  date: string | null;
  sender: string | null;
  trackedAt: string;
  /** when the library document it was read from was removed (the letter and its questions stay) */
  sourceRemovedAt?: string | null;
}

export interface LetterStateRow {
  letter: string;
  stateId: string;
  /** YYYY-MM-DD or null (open-ended) */
  deadline: string | null;
  timezone: string;
  /** 'letter' when read from the letter, 'set' when a coordinator set or moved it */
  deadlineSource: 'letter' | 'set';
}

/** A question as stored: what extraction read, and the letter it belongs to. */
export interface QuestionRow extends ExtractedQuestion {
  letter: string;
}

export interface ResponseRow {
  letter: string;
  stateId: string;
  label: string;
  status: ResponseStatus;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface AuditRow {
  at: string;
  actor: string;
  action: string;
  letter: string | null;
  stateId: string | null;
  label: string | null;
  detail: Record<string, unknown>;
}

/**
 * Everything the ledger persists. SQLite now; a PostgreSQL implementation could satisfy the same interface
 * (every method is one transaction, and none returns a live cursor).
 */
export interface LedgerStore {
  /** saves a letter and its questions; keeps responses, and a deadline a coordinator set; never deletes a question */
  saveLetter(letter: ExtractedLetter, timezone: string, actor: string, at: string): void;
  letters(): LetterRow[];
  letterStates(): LetterStateRow[];
  questions(letter: string): QuestionRow[];
  responses(letter: string, stateId: string): ResponseRow[];
  /** records one status for many questions at once, with an audit entry each */
  recordResponses(input: { letter: string; stateId: string; labels: string[]; status: ResponseStatus; note: string | null; actor: string; at: string }): void;
  setDeadline(input: { letter: string; stateId: string; deadline: string; timezone: string; actor: string; at: string }): { previous: string | null };
  history(letter: string, stateId: string, label: string): AuditRow[];
  /** every audit entry at or after `since` (ISO instant), oldest first */
  changes(since: string): AuditRow[];
  /** marks a tracked letter as read from a document since removed from the library; returns its number of questions (0: not tracked) */
  markSourceRemoved(letter: string, actor: string, at: string): number;
  /** moves with every change to States, letters, deadlines, questions or responses (by any process) */
  version(): number;
}

export const ledgerMigrations: Migration[] = [
  {
    id: 'ledger-001-create',
    up: `
      CREATE TABLE states (id TEXT PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE state_aliases (alias TEXT PRIMARY KEY, state_id TEXT NOT NULL REFERENCES states (id));
      CREATE TABLE letters (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT, sender TEXT, tracked_at TEXT NOT NULL
      );
      CREATE TABLE letter_states (
        letter_id TEXT NOT NULL REFERENCES letters (id), state_id TEXT NOT NULL,
        deadline TEXT, timezone TEXT NOT NULL, deadline_source TEXT NOT NULL DEFAULT 'letter',
        PRIMARY KEY (letter_id, state_id)
      );
      CREATE TABLE questions (
        letter_id TEXT NOT NULL REFERENCES letters (id), label TEXT NOT NULL, ordinal INTEGER NOT NULL,
        text TEXT NOT NULL, asked_by TEXT NOT NULL, scope TEXT NOT NULL CHECK (scope IN ('state', 'all')),
        during_event INTEGER NOT NULL, section TEXT,
        PRIMARY KEY (letter_id, label)
      );
      CREATE TABLE responses (
        letter_id TEXT NOT NULL, state_id TEXT NOT NULL, label TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('outstanding', 'answered', 'partial', 'declined')),
        note TEXT, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
        PRIMARY KEY (letter_id, state_id, label),
        FOREIGN KEY (letter_id, label) REFERENCES questions (letter_id, label)
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
        letter_id TEXT, state_id TEXT, label TEXT, detail TEXT NOT NULL
      );
      CREATE INDEX audit_by_question ON audit_log (letter_id, state_id, label);
    `,
    pg: `
      CREATE TABLE states (id TEXT PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE state_aliases (alias TEXT PRIMARY KEY, state_id TEXT NOT NULL REFERENCES states (id));
      CREATE TABLE letters (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT, sender TEXT, tracked_at TEXT NOT NULL
      );
      CREATE TABLE letter_states (
        letter_id TEXT NOT NULL REFERENCES letters (id), state_id TEXT NOT NULL,
        deadline TEXT, timezone TEXT NOT NULL, deadline_source TEXT NOT NULL DEFAULT 'letter',
        PRIMARY KEY (letter_id, state_id)
      );
      CREATE TABLE questions (
        letter_id TEXT NOT NULL REFERENCES letters (id), label TEXT NOT NULL, ordinal INTEGER NOT NULL,
        text TEXT NOT NULL, asked_by TEXT NOT NULL, scope TEXT NOT NULL CHECK (scope IN ('state', 'all')),
        during_event INTEGER NOT NULL, section TEXT,
        PRIMARY KEY (letter_id, label)
      );
      CREATE TABLE responses (
        letter_id TEXT NOT NULL, state_id TEXT NOT NULL, label TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('outstanding', 'answered', 'partial', 'declined')),
        note TEXT, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
        PRIMARY KEY (letter_id, state_id, label),
        FOREIGN KEY (letter_id, label) REFERENCES questions (letter_id, label)
      );
      CREATE TABLE audit_log (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
        letter_id TEXT, state_id TEXT, label TEXT, detail TEXT NOT NULL
      );
      CREATE INDEX audit_by_question ON audit_log (letter_id, state_id, label);
    `,
  },
  {
    id: 'ledger-letter-source-removed',
    up: `ALTER TABLE letters ADD COLUMN source_removed_at TEXT;`,
    pg: `ALTER TABLE letters ADD COLUMN source_removed_at TEXT;`,
  },
  {
    // A counter every write to what deadlines are made of moves (triggers: no write path can forget it), so
    // a reader (the reminder loop, every minute) can tell that nothing changed without reading the ledger.
    id: 'ledger-002-version',
    up: `
      CREATE TABLE ledger_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
      INSERT INTO ledger_version (id, version) VALUES (1, 0);
      CREATE TRIGGER ledger_version_states_i AFTER INSERT ON states BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_states_u AFTER UPDATE ON states BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_states_d AFTER DELETE ON states BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_letters_i AFTER INSERT ON letters BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_letters_u AFTER UPDATE ON letters BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_letters_d AFTER DELETE ON letters BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_letter_states_i AFTER INSERT ON letter_states BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_letter_states_u AFTER UPDATE ON letter_states BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_letter_states_d AFTER DELETE ON letter_states BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_questions_i AFTER INSERT ON questions BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_questions_u AFTER UPDATE ON questions BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_questions_d AFTER DELETE ON questions BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_responses_i AFTER INSERT ON responses BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_responses_u AFTER UPDATE ON responses BEGIN UPDATE ledger_version SET version = version + 1; END;
      CREATE TRIGGER ledger_version_responses_d AFTER DELETE ON responses BEGIN UPDATE ledger_version SET version = version + 1; END;
    `,
    pg: `
      CREATE TABLE ledger_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL);
      INSERT INTO ledger_version (id, version) VALUES (1, 0);
      CREATE FUNCTION ledger_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN UPDATE ledger_version SET version = version + 1; RETURN NULL; END $$;
      CREATE TRIGGER ledger_version_states AFTER INSERT OR UPDATE OR DELETE ON states FOR EACH ROW EXECUTE FUNCTION ledger_version_bump();
      CREATE TRIGGER ledger_version_letters AFTER INSERT OR UPDATE OR DELETE ON letters FOR EACH ROW EXECUTE FUNCTION ledger_version_bump();
      CREATE TRIGGER ledger_version_letter_states AFTER INSERT OR UPDATE OR DELETE ON letter_states FOR EACH ROW EXECUTE FUNCTION ledger_version_bump();
      CREATE TRIGGER ledger_version_questions AFTER INSERT OR UPDATE OR DELETE ON questions FOR EACH ROW EXECUTE FUNCTION ledger_version_bump();
      CREATE TRIGGER ledger_version_responses AFTER INSERT OR UPDATE OR DELETE ON responses FOR EACH ROW EXECUTE FUNCTION ledger_version_bump();
    `,
  },
];

export class SqliteLedgerStore implements LedgerStore {
  constructor(private readonly db: Db) {}

  saveStates(states: { id: string; name: string; aliases: string[] }[], normalize: (s: string) => string): void {
    const upsert = this.db.prepare('INSERT INTO states (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name');
    const alias = this.db.prepare('INSERT OR IGNORE INTO state_aliases (alias, state_id) VALUES (?, ?)');
    // Every process opens the store; write only when states.json (or the package's list) has grown, so
    // concurrent CLI processes do not queue for the write lock at start.
    const count = (this.db.prepare('SELECT (SELECT count(*) FROM states) + (SELECT count(*) FROM state_aliases) AS n').get() as { n: number }).n;
    const aliases = new Set(states.flatMap((s) => s.aliases.map(normalize)));
    if (count >= states.length + aliases.size) return;
    this.db.transaction(() => {
      for (const s of states) {
        upsert.run(s.id, s.name);
        for (const a of s.aliases) alias.run(normalize(a), s.id);
      }
    }).immediate();
  }

  saveLetter(letter: ExtractedLetter, timezone: string, actor: string, at: string): void {
    const db = this.db;
    db.transaction(() => {
      const existed = db.prepare('SELECT 1 FROM letters WHERE id = ?').get(letter.letter);
      db.prepare(
        `INSERT INTO letters (id, title, date, sender, tracked_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, date = excluded.date, sender = excluded.sender`,
      ).run(letter.letter, letter.title, letter.date, letter.sender, at);
      const ls = db.prepare(
        `INSERT INTO letter_states (letter_id, state_id, deadline, timezone, deadline_source) VALUES (?, ?, ?, ?, 'letter')
         ON CONFLICT (letter_id, state_id) DO UPDATE SET deadline = excluded.deadline, timezone = excluded.timezone
         WHERE letter_states.deadline_source = 'letter'`,
      );
      for (const s of letter.states) ls.run(letter.letter, s, letter.deadline, timezone);
      const q = db.prepare(
        `INSERT INTO questions (letter_id, label, ordinal, text, asked_by, scope, during_event, section) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (letter_id, label) DO UPDATE SET ordinal = excluded.ordinal, text = excluded.text, asked_by = excluded.asked_by,
           scope = excluded.scope, during_event = excluded.during_event, section = excluded.section`,
      );
      const before = new Map(this.questions(letter.letter).map((x) => [x.label, JSON.stringify([x.ordinal, x.text, x.askedBy, x.scope, x.duringEvent, x.section])]));
      let added = 0;
      let changed = 0;
      for (const x of letter.questions) {
        const was = before.get(x.label);
        if (was === undefined) added++;
        else if (was !== JSON.stringify([x.ordinal, x.text, x.askedBy, x.scope, x.duringEvent, x.section])) changed++;
        q.run(letter.letter, x.label, x.ordinal, x.text, JSON.stringify(x.askedBy), x.scope, x.duringEvent ? 1 : 0, x.section);
      }
      if (!existed) {
        this.audit({ at, actor, action: 'track', letter: letter.letter, stateId: null, label: null, detail: { states: letter.states, questions: letter.questions.length, deadline: letter.deadline } });
      } else if (added || changed) {
        // A re-read letter (its file was corrected): say what moved, so the ledger's history stays whole.
        this.audit({ at, actor, action: 'reread', letter: letter.letter, stateId: null, label: null, detail: { added, changed, questions: letter.questions.length } });
      }
    }).immediate();
  }

  version(): number {
    return (this.db.prepare('SELECT version FROM ledger_version WHERE id = 1').get() as { version: number }).version;
  }

  letters(): LetterRow[] {
    return this.db.prepare('SELECT id, title, date, sender, tracked_at AS trackedAt, source_removed_at AS sourceRemovedAt FROM letters ORDER BY date DESC, id').all() as LetterRow[];
  }

  markSourceRemoved(letter: string, actor: string, at: string): number {
    return this.db.transaction(() => {
      const changed = this.db.prepare('UPDATE letters SET source_removed_at = ? WHERE id = ?').run(at, letter).changes;
      if (!changed) return 0;
      this.db.prepare('INSERT INTO audit_log (at, actor, action, letter_id, detail) VALUES (?, ?, ?, ?, ?)').run(at, actor, 'source-removed', letter, '{}');
      return (this.db.prepare('SELECT count(*) AS n FROM questions WHERE letter_id = ?').get(letter) as { n: number }).n;
    })();
  }

  letterStates(): LetterStateRow[] {
    return this.db
      .prepare('SELECT letter_id AS letter, state_id AS stateId, deadline, timezone, deadline_source AS deadlineSource FROM letter_states ORDER BY letter_id, state_id')
      .all() as LetterStateRow[];
  }

  questions(letter: string): QuestionRow[] {
    const rows = this.db
      .prepare('SELECT letter_id AS letter, label, ordinal, text, asked_by AS askedBy, scope, during_event AS duringEvent, section FROM questions WHERE letter_id = ? ORDER BY ordinal')
      .all(letter) as (Omit<QuestionRow, 'askedBy' | 'duringEvent'> & { askedBy: string; duringEvent: number })[];
    return rows.map((r) => ({ ...r, askedBy: JSON.parse(r.askedBy) as string[], duringEvent: r.duringEvent === 1 }));
  }

  responses(letter: string, stateId: string): ResponseRow[] {
    return this.db
      .prepare(
        'SELECT letter_id AS letter, state_id AS stateId, label, status, note, recorded_by AS recordedBy, recorded_at AS recordedAt FROM responses WHERE letter_id = ? AND state_id = ?',
      )
      .all(letter, stateId) as ResponseRow[];
  }

  recordResponses(input: { letter: string; stateId: string; labels: string[]; status: ResponseStatus; note: string | null; actor: string; at: string }): void {
    const db = this.db;
    const previous = db.prepare('SELECT status FROM responses WHERE letter_id = ? AND state_id = ? AND label = ?');
    const upsert = db.prepare(
      `INSERT INTO responses (letter_id, state_id, label, status, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (letter_id, state_id, label) DO UPDATE SET status = excluded.status, note = excluded.note,
         recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
    );
    db.transaction(() => {
      for (const label of input.labels) {
        const before = (previous.get(input.letter, input.stateId, label) as { status: ResponseStatus } | undefined)?.status ?? 'outstanding';
        upsert.run(input.letter, input.stateId, label, input.status, input.note, input.actor, input.at);
        this.audit({ at: input.at, actor: input.actor, action: input.status, letter: input.letter, stateId: input.stateId, label, detail: { from: before, note: input.note } });
      }
    }).immediate();
  }

  setDeadline(input: { letter: string; stateId: string; deadline: string; timezone: string; actor: string; at: string }): { previous: string | null } {
    const db = this.db;
    return db.transaction(() => {
      const row = db.prepare('SELECT deadline FROM letter_states WHERE letter_id = ? AND state_id = ?').get(input.letter, input.stateId) as { deadline: string | null } | undefined;
      db.prepare(
        `INSERT INTO letter_states (letter_id, state_id, deadline, timezone, deadline_source) VALUES (?, ?, ?, ?, 'set')
         ON CONFLICT (letter_id, state_id) DO UPDATE SET deadline = excluded.deadline, timezone = excluded.timezone, deadline_source = 'set'`,
      ).run(input.letter, input.stateId, input.deadline, input.timezone);
      this.audit({ at: input.at, actor: input.actor, action: 'deadline', letter: input.letter, stateId: input.stateId, label: null, detail: { from: row?.deadline ?? null, to: input.deadline } });
      return { previous: row?.deadline ?? null };
    }).immediate();
  }

  history(letter: string, stateId: string, label: string): AuditRow[] {
    const rows = this.db
      .prepare(
        `SELECT at, actor, action, letter_id AS letter, state_id AS stateId, label, detail FROM audit_log
         WHERE letter_id = ? AND ((state_id = ? AND label = ?) OR (action = 'deadline' AND state_id = ?) OR action = 'track') ORDER BY id`,
      )
      .all(letter, stateId, label, stateId) as (Omit<AuditRow, 'detail'> & { detail: string })[];
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  changes(since: string): AuditRow[] {
    const rows = this.db
      .prepare('SELECT at, actor, action, letter_id AS letter, state_id AS stateId, label, detail FROM audit_log WHERE at >= ? ORDER BY id')
      .all(since) as (Omit<AuditRow, 'detail'> & { detail: string })[];
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  private audit(row: AuditRow): void {
    this.db
      .prepare('INSERT INTO audit_log (at, actor, action, letter_id, state_id, label, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(row.at, row.actor, row.action, row.letter, row.stateId, row.label, JSON.stringify(row.detail));
  }
}
