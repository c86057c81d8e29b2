import type { Room } from 'matrix-js-sdk';
import type { Logger } from 'pino';
import type { MatrixConfig } from '../../src/config/config.js';

/**
 * Who may do what, as far as Matrix decides it: who may bring the bot into a room, and whom a room's power
 * levels make a coordinator. (Coordinators named in PLEDGEWATCH_COORDINATORS are the core's business.)
 */

const POWER_LEVEL_COORDINATOR = 50;

/**
 * The ledger is global, so a room's power levels may grant coordinator rights only in a room the coalition
 * controls (MATRIX_COORDINATION_ROOMS): anyone can create a room, hold level 100 in it and invite the bot.
 * Undefined: power levels say nothing here.
 */
export function powerLevelCoordinator(room: Room, userId: string, config: Pick<MatrixConfig, 'powerLevelCoordinators' | 'coordinationRooms'>): boolean | undefined {
  if (!config.powerLevelCoordinators || !config.coordinationRooms.includes(room.roomId)) return undefined;
  return (room.getMember(userId)?.powerLevel ?? 0) >= POWER_LEVEL_COORDINATOR;
}

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

/** At start: who may invite (counts and servers, never ids), and a warning when power levels can grant nothing. */
export function logPermissions(config: MatrixConfig, log: Logger): void {
  const inviters = invitersForLog(config);
  if (inviters.users + inviters.servers.length + inviters.coordinators === 0) {
    log.warn('nobody may invite the bot (MATRIX_ALLOWED_INVITERS is empty and no coordinator is a Matrix user): it joins no room');
  } else {
    log.info({ inviters }, 'invites accepted from these users and servers (MATRIX_ALLOWED_INVITERS) and coordinators (PLEDGEWATCH_COORDINATORS)');
  }
  if (config.powerLevelCoordinators && !config.coordinationRooms.length) {
    log.warn('MATRIX_POWER_LEVEL_COORDINATORS is on but MATRIX_COORDINATION_ROOMS is empty: power levels make no one a coordinator');
  }
}
