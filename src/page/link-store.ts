import type { Db, Migration } from '../storage/database.js';

/**
 * What the page persists: one-time links and the sessions they open. Only sha256 hashes of the secrets are
 * stored, so a copy of the database opens nothing. Every method is one statement or transaction, with times
 * passed in (ms since the epoch), so a PostgreSQL implementation can satisfy the same port.
 */
export interface LinkStore {
  addLink(link: { hash: string; expiresAt: number; reveal: boolean; createdAt: number }): void;
  /**
   * Uses a link up, exactly once: 'ok' for the one caller that consumed it (even when two race), else why not.
   * A used link stays (as used) until it is pruned, so a second try says "already used", not "unknown".
   */
  consumeLink(hash: string, now: number): { ok: true; reveal: boolean } | { ok: false; reason: 'unknown' | 'used' | 'expired' };
  /** what a link is without using it (the landing page) */
  peekLink(hash: string, now: number): 'valid' | 'unknown' | 'used' | 'expired';
  addSession(session: { hash: string; expiresAt: number; reveal: boolean; createdAt: number }): void;
  session(hash: string, now: number): { reveal: boolean; expiresAt: number } | undefined;
  /** forgets links and sessions expired before `before` */
  prune(before: number): number;
}

export const pageMigrations: Migration[] = [
  {
    id: 'page-001-links',
    up: `
      CREATE TABLE page_links (
        hash TEXT PRIMARY KEY, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
        reveal INTEGER NOT NULL, used_at INTEGER
      );
      CREATE TABLE page_sessions (
        hash TEXT PRIMARY KEY, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, reveal INTEGER NOT NULL
      );
    `,
    pg: `
      CREATE TABLE page_links (
        hash TEXT PRIMARY KEY, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, reveal INTEGER NOT NULL, used_at BIGINT
      );
      CREATE TABLE page_sessions (
        hash TEXT PRIMARY KEY, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, reveal INTEGER NOT NULL
      );
    `,
  },
];

export class SqliteLinkStore implements LinkStore {
  constructor(private readonly db: Db) {}

  addLink(link: { hash: string; expiresAt: number; reveal: boolean; createdAt: number }): void {
    this.db.prepare('INSERT INTO page_links (hash, created_at, expires_at, reveal) VALUES (?, ?, ?, ?)').run(link.hash, link.createdAt, link.expiresAt, link.reveal ? 1 : 0);
  }

  consumeLink(hash: string, now: number): { ok: true; reveal: boolean } | { ok: false; reason: 'unknown' | 'used' | 'expired' } {
    // One conditional UPDATE: of two requests racing with the same link, exactly one changes the row.
    const used = this.db.prepare('UPDATE page_links SET used_at = ? WHERE hash = ? AND used_at IS NULL AND expires_at > ? RETURNING reveal').get(now, hash, now) as { reveal: number } | undefined;
    if (used) return { ok: true, reveal: used.reveal === 1 };
    const why = this.peekLink(hash, now);
    return { ok: false, reason: why === 'valid' ? 'used' : why };
  }

  peekLink(hash: string, now: number): 'valid' | 'unknown' | 'used' | 'expired' {
    const row = this.db.prepare('SELECT expires_at AS expiresAt, used_at AS usedAt FROM page_links WHERE hash = ?').get(hash) as { expiresAt: number; usedAt: number | null } | undefined;
    if (!row) return 'unknown';
    if (row.usedAt !== null) return 'used';
    return row.expiresAt > now ? 'valid' : 'expired';
  }

  addSession(session: { hash: string; expiresAt: number; reveal: boolean; createdAt: number }): void {
    this.db.prepare('INSERT INTO page_sessions (hash, created_at, expires_at, reveal) VALUES (?, ?, ?, ?)').run(session.hash, session.createdAt, session.expiresAt, session.reveal ? 1 : 0);
  }

  session(hash: string, now: number): { reveal: boolean; expiresAt: number } | undefined {
    const row = this.db.prepare('SELECT expires_at AS expiresAt, reveal FROM page_sessions WHERE hash = ? AND expires_at > ?').get(hash, now) as { expiresAt: number; reveal: number } | undefined;
    return row && { reveal: row.reveal === 1, expiresAt: row.expiresAt };
  }

  prune(before: number): number {
    return this.db.transaction(() => {
      // Used links are kept a day past their expiry, so a late second click still reads "already used".
      const links = this.db.prepare('DELETE FROM page_links WHERE expires_at < ?').run(before - 24 * 3_600_000).changes;
      return links + this.db.prepare('DELETE FROM page_sessions WHERE expires_at < ?').run(before).changes;
    })();
  }
}
