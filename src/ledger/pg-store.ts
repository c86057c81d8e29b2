import type { PgSession } from '../storage/pg/session.js';
import type { ExtractedLetter } from './extract.js';
import type { AuditRow, LedgerStore, LetterRow, LetterStateRow, QuestionRow, ResponseRow, ResponseStatus } from './store.js';

/**
 * The ledger in PostgreSQL (the tables of ledgerMigrations' `pg` dialect). Every write that reads before it
 * writes (a response's previous status for the audit, a deadline's previous value) runs SERIALIZABLE, so two
 * processes recording at once never audit a stale "from"; a conflict reruns the transaction.
 */
export class PgLedgerStore implements LedgerStore {
  constructor(private readonly db: PgSession) {}

  saveStates(states: { id: string; name: string; aliases: string[] }[], normalize: (s: string) => string): void {
    const db = this.db;
    const count = db.get<{ n: number }>('SELECT (SELECT count(*) FROM states) + (SELECT count(*) FROM state_aliases) AS n')!.n;
    const aliases = new Set(states.flatMap((s) => s.aliases.map(normalize)));
    if (count >= states.length + aliases.size) return;
    db.transaction(() => {
      db.run(
        'INSERT INTO states (id, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (id) DO UPDATE SET name = excluded.name',
        [states.map((s) => s.id), states.map((s) => s.name)],
      );
      const pairs = states.flatMap((s) => s.aliases.map((a) => [normalize(a), s.id] as const));
      db.run('INSERT INTO state_aliases (alias, state_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING', [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
    });
  }

  saveLetter(letter: ExtractedLetter, timezone: string, actor: string, at: string): void {
    const db = this.db;
    db.transaction(
      () => {
        const existed = db.get('SELECT 1 FROM letters WHERE id = $1', [letter.letter]);
        db.run(
          `INSERT INTO letters (id, title, date, sender, tracked_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET title = excluded.title, date = excluded.date, sender = excluded.sender`,
          [letter.letter, letter.title, letter.date, letter.sender, at],
        );
        for (const s of letter.states) {
          db.run(
            `INSERT INTO letter_states (letter_id, state_id, deadline, timezone, deadline_source) VALUES ($1, $2, $3, $4, 'letter')
             ON CONFLICT (letter_id, state_id) DO UPDATE SET deadline = excluded.deadline, timezone = excluded.timezone
             WHERE letter_states.deadline_source = 'letter'`,
            [letter.letter, s, letter.deadline, timezone],
          );
        }
        const before = new Map(this.questions(letter.letter).map((x) => [x.label, JSON.stringify([x.ordinal, x.text, x.askedBy, x.scope, x.duringEvent, x.section])]));
        let added = 0;
        let changed = 0;
        for (const x of letter.questions) {
          const was = before.get(x.label);
          const now = JSON.stringify([x.ordinal, x.text, x.askedBy, x.scope, x.duringEvent, x.section]);
          if (was === undefined) added++;
          else if (was !== now) changed++;
          db.run(
            `INSERT INTO questions (letter_id, label, ordinal, text, asked_by, scope, during_event, section) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (letter_id, label) DO UPDATE SET ordinal = excluded.ordinal, text = excluded.text, asked_by = excluded.asked_by,
               scope = excluded.scope, during_event = excluded.during_event, section = excluded.section`,
            [letter.letter, x.label, x.ordinal, x.text, JSON.stringify(x.askedBy), x.scope, x.duringEvent ? 1 : 0, x.section],
          );
        }
        if (!existed) {
          this.audit({ at, actor, action: 'track', letter: letter.letter, stateId: null, label: null, detail: { states: letter.states, questions: letter.questions.length, deadline: letter.deadline } });
        } else if (added || changed) {
          this.audit({ at, actor, action: 'reread', letter: letter.letter, stateId: null, label: null, detail: { added, changed, questions: letter.questions.length } });
        }
      },
      { isolation: 'SERIALIZABLE' },
    );
  }

  version(): number {
    return this.db.get<{ version: number }>('SELECT version FROM ledger_version WHERE id = 1')!.version;
  }

  letters(): LetterRow[] {
    // As SQLite sorts: NULL is the smallest value (last when descending), text by its bytes.
    return this.db.all<LetterRow>(
      'SELECT id, title, date, sender, tracked_at AS "trackedAt", source_removed_at AS "sourceRemovedAt" FROM letters ORDER BY date COLLATE "C" DESC NULLS LAST, id COLLATE "C"',
    );
  }

  markSourceRemoved(letter: string, actor: string, at: string): number {
    const db = this.db;
    return db.transaction(() => {
      const changed = db.run('UPDATE letters SET source_removed_at = $1 WHERE id = $2', [at, letter]);
      if (!changed) return 0;
      db.run('INSERT INTO audit_log (at, actor, action, letter_id, detail) VALUES ($1, $2, $3, $4, $5)', [at, actor, 'source-removed', letter, '{}']);
      return db.get<{ n: number }>('SELECT count(*) AS n FROM questions WHERE letter_id = $1', [letter])!.n;
    });
  }

  letterStates(): LetterStateRow[] {
    return this.db.all<LetterStateRow>(
      'SELECT letter_id AS letter, state_id AS "stateId", deadline, timezone, deadline_source AS "deadlineSource" FROM letter_states ORDER BY letter_id COLLATE "C", state_id COLLATE "C"',
    );
  }

  questions(letter: string): QuestionRow[] {
    const rows = this.db.all<Omit<QuestionRow, 'askedBy' | 'duringEvent'> & { askedBy: string; duringEvent: number }>(
      'SELECT letter_id AS letter, label, ordinal, text, asked_by AS "askedBy", scope, during_event AS "duringEvent", section FROM questions WHERE letter_id = $1 ORDER BY ordinal',
      [letter],
    );
    return rows.map((r) => ({ ...r, askedBy: JSON.parse(r.askedBy) as string[], duringEvent: r.duringEvent === 1 }));
  }

  responses(letter: string, stateId: string): ResponseRow[] {
    return this.db.all<ResponseRow>(
      'SELECT letter_id AS letter, state_id AS "stateId", label, status, note, recorded_by AS "recordedBy", recorded_at AS "recordedAt" FROM responses WHERE letter_id = $1 AND state_id = $2',
      [letter, stateId],
    );
  }

  recordResponses(input: { letter: string; stateId: string; labels: string[]; status: ResponseStatus; note: string | null; actor: string; at: string }): void {
    const db = this.db;
    db.transaction(
      () => {
        for (const label of input.labels) {
          const before = db.get<{ status: ResponseStatus }>('SELECT status FROM responses WHERE letter_id = $1 AND state_id = $2 AND label = $3', [input.letter, input.stateId, label])?.status ?? 'outstanding';
          db.run(
            `INSERT INTO responses (letter_id, state_id, label, status, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (letter_id, state_id, label) DO UPDATE SET status = excluded.status, note = excluded.note,
               recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
            [input.letter, input.stateId, label, input.status, input.note, input.actor, input.at],
          );
          this.audit({ at: input.at, actor: input.actor, action: input.status, letter: input.letter, stateId: input.stateId, label, detail: { from: before, note: input.note } });
        }
      },
      { isolation: 'SERIALIZABLE' },
    );
  }

  setDeadline(input: { letter: string; stateId: string; deadline: string; timezone: string; actor: string; at: string }): { previous: string | null } {
    const db = this.db;
    return db.transaction(
      () => {
        const row = db.get<{ deadline: string | null }>('SELECT deadline FROM letter_states WHERE letter_id = $1 AND state_id = $2', [input.letter, input.stateId]);
        db.run(
          `INSERT INTO letter_states (letter_id, state_id, deadline, timezone, deadline_source) VALUES ($1, $2, $3, $4, 'set')
           ON CONFLICT (letter_id, state_id) DO UPDATE SET deadline = excluded.deadline, timezone = excluded.timezone, deadline_source = 'set'`,
          [input.letter, input.stateId, input.deadline, input.timezone],
        );
        this.audit({ at: input.at, actor: input.actor, action: 'deadline', letter: input.letter, stateId: input.stateId, label: null, detail: { from: row?.deadline ?? null, to: input.deadline } });
        return { previous: row?.deadline ?? null };
      },
      { isolation: 'SERIALIZABLE' },
    );
  }

  history(letter: string, stateId: string, label: string): AuditRow[] {
    const rows = this.db.all<Omit<AuditRow, 'detail'> & { detail: string }>(
      `SELECT at, actor, action, letter_id AS letter, state_id AS "stateId", label, detail FROM audit_log
       WHERE letter_id = $1 AND ((state_id = $2 AND label = $3) OR (action = 'deadline' AND state_id = $2) OR action = 'track') ORDER BY id`,
      [letter, stateId, label],
    );
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  changes(since: string): AuditRow[] {
    const rows = this.db.all<Omit<AuditRow, 'detail'> & { detail: string }>(
      'SELECT at, actor, action, letter_id AS letter, state_id AS "stateId", label, detail FROM audit_log WHERE at COLLATE "C" >= $1 ORDER BY id',
      [since],
    );
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  private audit(row: AuditRow): void {
    this.db.run('INSERT INTO audit_log (at, actor, action, letter_id, state_id, label, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      row.at,
      row.actor,
      row.action,
      row.letter,
      row.stateId,
      row.label,
      JSON.stringify(row.detail),
    ]);
  }
}
