import type { MatrixConfig } from '../../src/config/config.js';

/**
 * Who may bring the bot into a room: the entries of MATRIX_ALLOWED_INVITERS, user ids (`@alice:example.org`) or
 * whole servers (`:example.org`, or `example.org`), and every Matrix user named in PLEDGEWATCH_COORDINATORS (they
 * can already change the whole ledger; bringing the bot into a room gives them nothing more). Nobody else, and
 * never by a room's power levels. With neither setting naming anyone, the bot joins no room: a bot for people at
 * risk does not join rooms strangers invite it to.
 */
export function mayInvite(inviter: string | undefined, config: Pick<MatrixConfig, 'allowedInviters' | 'coordinatorInviters'>): boolean {
  return isAllowedInviter(inviter, [...config.allowedInviters, ...config.coordinatorInviters]);
}

export function isAllowedInviter(inviter: string | undefined, allowed: string[]): boolean {
  if (!inviter || !/^@[^:\s]+:\S+$/.test(inviter)) return false;
  const server = inviter.slice(inviter.indexOf(':') + 1).toLowerCase();
  return allowed.some((entry) => {
    const e = entry.trim();
    if (e.startsWith('@')) return e === inviter;
    return e.replace(/^:/, '').toLowerCase() === server;
  });
}

/**
 * Who may invite, for the start log: counts and whole servers, never user ids (the log holds no names).
 */
export function invitersForLog(config: Pick<MatrixConfig, 'allowedInviters' | 'coordinatorInviters'>): { users: number; servers: string[]; coordinators: number } {
  const users = config.allowedInviters.filter((e) => e.startsWith('@'));
  return {
    users: users.length,
    servers: config.allowedInviters.filter((e) => !e.startsWith('@')).map((e) => e.replace(/^:/, '').toLowerCase()),
    coordinators: config.coordinatorInviters.filter((c) => !users.includes(c)).length,
  };
}
