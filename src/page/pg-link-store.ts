import type { PgSession } from '../storage/pg/session.js';
import type { LinkStore } from './link-store.js';

/** The page's links and sessions in PostgreSQL (pageMigrations' `pg` dialect); only hashes are stored. */
export class PgLinkStore implements LinkStore {
  constructor(private readonly db: PgSession) {}

  addLink(link: { hash: string; expiresAt: number; reveal: boolean; createdAt: number }): void {
    this.db.run('INSERT INTO page_links (hash, created_at, expires_at, reveal) VALUES ($1, $2, $3, $4)', [link.hash, link.createdAt, link.expiresAt, link.reveal ? 1 : 0]);
  }

  consumeLink(hash: string, now: number): { ok: true; reveal: boolean } | { ok: false; reason: 'unknown' | 'used' | 'expired' } {
    // One conditional UPDATE: of two requests racing with the same link (even from two processes), exactly one changes the row.
    const used = this.db.get<{ reveal: number }>('UPDATE page_links SET used_at = $1 WHERE hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING reveal', [now, hash]);
    if (used) return { ok: true, reveal: used.reveal === 1 };
    const why = this.peekLink(hash, now);
    return { ok: false, reason: why === 'valid' ? 'used' : why };
  }

  peekLink(hash: string, now: number): 'valid' | 'unknown' | 'used' | 'expired' {
    const row = this.db.get<{ expiresAt: number; usedAt: number | null }>('SELECT expires_at AS "expiresAt", used_at AS "usedAt" FROM page_links WHERE hash = $1', [hash]);
    if (!row) return 'unknown';
    if (row.usedAt !== null) return 'used';
    return row.expiresAt > now ? 'valid' : 'expired';
  }

  addSession(session: { hash: string; expiresAt: number; reveal: boolean; createdAt: number }): void {
    this.db.run('INSERT INTO page_sessions (hash, created_at, expires_at, reveal) VALUES ($1, $2, $3, $4)', [session.hash, session.createdAt, session.expiresAt, session.reveal ? 1 : 0]);
  }

  session(hash: string, now: number): { reveal: boolean; expiresAt: number } | undefined {
    const row = this.db.get<{ expiresAt: number; reveal: number }>('SELECT expires_at AS "expiresAt", reveal FROM page_sessions WHERE hash = $1 AND expires_at > $2', [hash, now]);
    return row && { reveal: row.reveal === 1, expiresAt: row.expiresAt };
  }

  prune(before: number): number {
    return this.db.transaction(() => {
      // Used links are kept a day past their expiry, so a late second click still reads "already used".
      const links = this.db.run('DELETE FROM page_links WHERE expires_at < $1', [before - 24 * 3_600_000]);
      return links + this.db.run('DELETE FROM page_sessions WHERE expires_at < $1', [before]);
    });
  }
}
