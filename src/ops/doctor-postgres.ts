import type { DatabaseConfig } from '../config/config.js';
import { pendingPgMigrations } from '../storage/pg/migrate.js';
import { openPg, defaultPgOptions, redactUrl, type PgSession } from '../storage/pg/session.js';
import { migrations } from '../stores.js';
import type { Finding } from './finding.js';

/** The oldest PostgreSQL the stores are written for (ON CONFLICT, SKIP LOCKED, identity columns and more). */
export const MIN_SERVER_VERSION = 140000;

/**
 * The doctor's checks with DATABASE_URL set: the server answers, is PostgreSQL 14 or newer, and has every
 * migration applied. Nothing is created or changed; messages name the server without its password.
 */
export function checkPostgres(database: DatabaseConfig): Finding[] {
  const where = redactUrl(database.url);
  let db: PgSession;
  try {
    db = openPg({ ...defaultPgOptions(database.url), poolMax: 1, connectTimeoutMs: Math.min(database.timeoutMs, 10_000), statementTimeoutMs: database.timeoutMs, applicationName: 'pledgewatch doctor' });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const fix =
      code === '28P01' || code === '28000'
        ? 'Check the user name and password in DATABASE_URL (and the server\'s pg_hba.conf).'
        : code === '3D000'
          ? 'Create the database first (`createdb`), or correct its name in DATABASE_URL.'
          : 'Check DATABASE_URL (host, port, database), that the server runs, and that this machine may connect to it.';
    return [{ ok: false, check: 'database', message: `PostgreSQL at ${where} cannot be reached (${code ?? (err as Error).message.slice(0, 80)}).`, fix }];
  }
  try {
    const findings: Finding[] = [];
    const version = Number(db.get<{ v: string }>("SELECT current_setting('server_version_num') AS v")!.v);
    const shown = `${Math.floor(version / 10000)}.${version % 10000}`;
    if (version < MIN_SERVER_VERSION) {
      findings.push({ ok: false, check: 'database', message: `PostgreSQL at ${where} is version ${shown}; pledgewatch needs 14 or newer.`, fix: 'Upgrade the server (pg_upgrade), or point DATABASE_URL at a PostgreSQL 14+ server.' });
    } else {
      findings.push({ ok: true, check: 'database', message: `PostgreSQL ${shown} at ${where} answers.` });
    }
    const pending = pendingPgMigrations(db, migrations);
    if (pending.length === migrations.length) {
      findings.push({ ok: true, check: 'migrations', message: 'The database is empty; the bot creates its tables at its first start (or copy an installation in with `npx pledgewatch migrate-to-postgres`).' });
    } else if (pending.length) {
      findings.push({ ok: false, check: 'migrations', message: `${pending.length} migrations are not applied yet (${pending.slice(0, 3).join(', ')}${pending.length > 3 ? ', …' : ''}).`, fix: 'Start the bot (or any command) with this version once: it applies them.' });
    } else {
      findings.push({ ok: true, check: 'migrations', message: `All ${migrations.length} migrations are applied.` });
    }
    return findings;
  } catch (err) {
    return [{ ok: false, check: 'database', message: `PostgreSQL at ${where} answered with an error (${(err as { code?: string }).code ?? 'unknown'}).`, fix: 'Check that the user in DATABASE_URL may read the database.' }];
  } finally {
    db.close();
  }
}
