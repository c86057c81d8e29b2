import type { PgSession } from '../storage/pg/session.js';
import { askerKey, type PrivacyStore } from './privacy.js';

/** Sensitive askers and private channels in PostgreSQL (privacyMigrations' `pg` dialect). */
export class PgPrivacyStore implements PrivacyStore {
  constructor(private readonly db: PgSession) {}

  sensitiveAskers(): string[] {
    return this.db.all<{ name: string }>('SELECT name FROM sensitive_askers ORDER BY name COLLATE "C"').map((r) => r.name);
  }

  setSensitive(name: string, on: boolean, actor: string, at: string): boolean {
    const key = askerKey(name);
    if (!on) return this.db.run('DELETE FROM sensitive_askers WHERE key = $1', [key]) > 0;
    return this.db.run('INSERT INTO sensitive_askers (key, name, marked_by, marked_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING', [key, name, actor, at]) > 0;
  }

  isPrivateChannel(channel: string): boolean {
    return this.db.get('SELECT 1 FROM private_channels WHERE channel = $1', [channel]) !== undefined;
  }

  setChannelPrivate(channel: string, on: boolean, actor: string, at: string): boolean {
    if (!on) return this.db.run('DELETE FROM private_channels WHERE channel = $1', [channel]) > 0;
    return this.db.run('INSERT INTO private_channels (channel, marked_by, marked_at) VALUES ($1, $2, $3) ON CONFLICT (channel) DO NOTHING', [channel, actor, at]) > 0;
  }
}
